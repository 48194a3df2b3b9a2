// Chat-completion chunks (the JSON in each SSE event) → StreamEvents. Consecutive text of one kind
// from one network read becomes one event: a 64 KB read carries ~250 one-word chunks, and passing
// each through three async generators would cost more than parsing it. Order between reasoning
// and answer text is kept; nothing is re-chunked for effect.
import type { StreamEvent } from '$lib/core/stream/events';
import { ProviderError } from '$lib/core/stream/events';

interface WireDelta {
	content?: unknown;
	reasoning_content?: unknown;
	reasoning?: unknown;
}

interface WireChunk {
	system_fingerprint?: unknown;
	usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown } | null;
	choices?: { delta?: WireDelta | null; finish_reason?: unknown; message?: WireDelta }[];
	error?: { message?: unknown } | string;
}

export interface Literal {
	/** Index of the opening quote of the content string. */
	open: number;
	/** Index of its closing quote. */
	close: number;
}

const CONTENT_KEY = '"delta":{"content":"';

/** Index of the quote that ends the JSON string opened at `open`, or -1. */
export function closingQuote(text: string, open: number): number {
	for (let from = open + 1; ;) {
		const quote = text.indexOf('"', from);
		if (quote < 0) return -1;
		let slashes = 0;
		while (text.charCodeAt(quote - 1 - slashes) === 92) slashes++;
		if (slashes % 2 === 0) return quote;
		from = quote + 1;
	}
}

/**
 * Where the answer text's string literal sits in a plain content chunk, or undefined when the
 * chunk is anything else (finish reason, usage, error, reasoning, several choices). Only the
 * exact shape `"delta":{"content":"…"}` qualifies; the key sequence cannot occur inside a JSON
 * string (its quotes would be escaped), so a match is structural.
 */
export function contentLiteral(payload: string): Literal | undefined {
	const at = payload.indexOf(CONTENT_KEY);
	if (at < 0) return undefined;
	const open = at + CONTENT_KEY.length - 1;
	const close = closingQuote(payload, open);
	if (close < 0 || payload.charCodeAt(close + 1) !== 125 || !payload.endsWith('}')) {
		return undefined;
	}
	if (
		payload.includes(CONTENT_KEY, close) ||
		payload.includes('"finish_reason":"') ||
		payload.includes('"usage":{') ||
		payload.includes('"error"')
	) {
		return undefined;
	}
	return { open, close };
}

/** The value of a JSON string literal (quotes included), or undefined if it is not one. */
export function parseString(literal: string): string | undefined {
	if (literal.charCodeAt(0) !== 34 || literal.charCodeAt(literal.length - 1) !== 34) {
		return undefined;
	}
	if (!literal.includes('\\')) return literal.slice(1, -1);
	try {
		const value: unknown = JSON.parse(literal);
		return typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

const count = (value: unknown) => (typeof value === 'number' && value >= 0 ? Math.round(value) : 0);

/**
 * Reads chunks one at a time and hands out the merged events with `take()`. A plain content
 * chunk is read without parsing its envelope (id, model, fingerprint… repeat in every chunk, and
 * JSON.parse of them dominated the client's CPU); anything else is parsed in full.
 */
export class WireReader {
	finishReason: string | undefined;
	systemFingerprint: string | undefined;
	/** The server sent `[DONE]`. */
	done = false;
	/** Where the content literal was in the last payload, when it was a plain content chunk. */
	lastLiteral: Literal | undefined;
	#parsedOne = false;
	#events: StreamEvent[] = [];
	#kind: 'delta' | 'reasoning' | undefined;
	#parts: string[] = [];

	/** Answer text already extracted by a faster path. */
	content(value: string): void {
		if (value !== '') this.#text('delta', value);
	}

	/** Reads one SSE data payload; throws SyntaxError on a malformed chunk. */
	payload(payload: string): void {
		this.lastLiteral = undefined;
		if (payload === '[DONE]') {
			this.done = true;
			return;
		}
		// The first chunk is always parsed in full: it carries the fingerprint, if any.
		const literal = this.#parsedOne ? contentLiteral(payload) : undefined;
		const value = literal && parseString(payload.slice(literal.open, literal.close + 1));
		if (literal && value !== undefined) {
			this.lastLiteral = literal;
			this.content(value);
			return;
		}
		this.#chunk(JSON.parse(payload) as WireChunk);
		this.#parsedOne = true;
	}

	/** The events read since the last call. */
	take(): StreamEvent[] {
		this.#flush();
		const events = this.#events;
		this.#events = [];
		this.#kind = undefined;
		return events;
	}

	/** Reads a batch of payloads at once (tests; a server that ignored `stream: true`). */
	read(payloads: readonly string[]): StreamEvent[] {
		for (const payload of payloads) this.payload(payload);
		return this.take();
	}

	#chunk(chunk: WireChunk): void {
		if (chunk.error) {
			const said = typeof chunk.error === 'string' ? chunk.error : chunk.error.message;
			throw new ProviderError(
				'server',
				`The server reported an error in the middle of the answer: ${typeof said === 'string' ? said : 'no details'}. Retry the response.`
			);
		}
		if (typeof chunk.system_fingerprint === 'string' && chunk.system_fingerprint) {
			this.systemFingerprint = chunk.system_fingerprint;
		}
		if (chunk.usage) {
			this.#flush();
			this.#events.push({
				type: 'usage',
				promptTokens: count(chunk.usage.prompt_tokens),
				completionTokens: count(chunk.usage.completion_tokens),
				totalTokens: count(chunk.usage.total_tokens)
			});
		}
		const choice = chunk.choices?.[0];
		if (!choice) return;
		// A stream carries `delta`; a server that ignored `stream: true` sends one `message`.
		const delta = choice.delta ?? choice.message ?? {};
		// Servers name it differently (vLLM, DeepSeek: reasoning_content; OpenRouter, Ollama:
		// reasoning); either way it is kept apart from the answer.
		const reasoning =
			typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
		if (typeof reasoning === 'string' && reasoning !== '') this.#text('reasoning', reasoning);
		if (typeof delta.content === 'string' && delta.content !== '') {
			this.#text('delta', delta.content);
		}
		if (typeof choice.finish_reason === 'string' && choice.finish_reason) {
			this.finishReason = choice.finish_reason;
		}
	}

	#text(type: 'delta' | 'reasoning', value: string): void {
		if (type !== this.#kind) {
			this.#flush();
			this.#kind = type;
		}
		this.#parts.push(value);
	}

	#flush(): void {
		if (this.#kind && this.#parts.length > 0) {
			this.#events.push({ type: this.#kind, text: this.#parts.join('') });
		}
		this.#parts = [];
	}
}
