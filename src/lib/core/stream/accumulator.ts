// Collects one assistant turn from StreamEvents. Text arrives as thousands of small deltas; they
// are kept as parts and joined only when someone reads the text (every ~250 ms for storage, once
// at the end), so ingesting a long answer stays linear instead of copying the string per token.
import type { StreamEvent } from './events';

export interface TurnUsage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
}

export class TurnAccumulator {
	#content: string[] = [];
	#reasoning: string[] = [];
	/** Number of content + reasoning deltas received (a cheap token count for estimates). */
	pieces = 0;
	/** Time of the first content or reasoning token, on the caller's clock. */
	firstTokenAtMs: number | undefined;
	usage: TurnUsage | undefined;
	finishReason: string | undefined;
	systemFingerprint: string | undefined;

	add(event: StreamEvent, nowMs: number): void {
		switch (event.type) {
			case 'delta':
				this.#content.push(event.text);
				this.#token(nowMs);
				break;
			case 'reasoning':
				this.#reasoning.push(event.text);
				this.#token(nowMs);
				break;
			case 'usage':
				this.usage = {
					promptTokens: event.promptTokens,
					completionTokens: event.completionTokens,
					totalTokens: event.totalTokens
				};
				break;
			case 'finish':
				this.finishReason = event.reason;
				if (event.systemFingerprint) this.systemFingerprint = event.systemFingerprint;
				break;
			case 'start':
				break;
		}
	}

	#token(nowMs: number): void {
		this.pieces++;
		this.firstTokenAtMs ??= nowMs;
	}

	get content(): string {
		return collapse(this.#content);
	}

	get reasoning(): string {
		return collapse(this.#reasoning);
	}
}

/** Joins the parts into one and keeps the result as the only part, so the next join is short. */
function collapse(parts: string[]): string {
	if (parts.length === 0) return '';
	if (parts.length === 1) return parts[0] as string;
	const joined = parts.join('');
	parts.length = 0;
	parts.push(joined);
	return joined;
}

/** Rough token count (about four characters per token in English) for when a server sends none. */
export function estimateTokens(text: string): number {
	return text === '' ? 0 : Math.max(1, Math.ceil(text.length / 4));
}
