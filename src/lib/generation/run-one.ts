// One endpoint's whole answer to one prompt item, turn by turn: each scripted follow-up is sent
// after the model's *own* previous answer, so pressure tests stay fair. It never throws for a
// provider failure: the result is always a Response (done, error or aborted) that keeps every
// token received, with timing, usage and the parameters actually sent.
import type { Clock } from '$lib/core/clock';
import { systemClock } from '$lib/core/clock';
import type {
	Endpoint,
	Message,
	ParamsSnapshot,
	PromptItem,
	Response,
	ResponseError,
	Usage
} from '$lib/core/schema';
import { idleTimeoutMsOf } from '$lib/core/schema';
import { systemMessages } from '$lib/core/conversation';
import { TurnAccumulator, estimateTokens } from '$lib/core/stream/accumulator';
import type { ChatStreamer } from '$lib/core/stream/events';
import { ProviderError } from '$lib/core/stream/events';
import { responseId } from '$lib/db/repos/responses';

export const PROGRESS_EVERY_MS = 250;

export interface RunOneInput {
	studyId: string;
	item: Pick<PromptItem, 'id' | 'system' | 'turns'>;
	endpoint: Endpoint;
	key: string | undefined;
	streamer: ChatStreamer;
	signal?: AbortSignal;
	/** Overrides the endpoint's own idle timeout (tests). */
	idleTimeoutMs?: number;
	/** Monotonic milliseconds (performance.now in the app; a fake in tests). */
	now?: () => number;
	clock?: Clock;
	/** The stored record being replaced, if any: keeps its creation time and attempt count. */
	previous?: Pick<Response, 'attempts' | 'createdAt'>;
	/**
	 * A failed earlier attempt at the same conversation: its finished turns are kept and the
	 * conversation goes on from the first unfinished one, so a drop in turn 3 does not throw away
	 * (or pay again for) turns 1 and 2.
	 */
	resume?: Pick<Response, 'transcript' | 'usage' | 'ttftMs'>;
	progressEveryMs?: number;
	/** Called with a snapshot at most every `progressEveryMs` while tokens stream. */
	onProgress?: (response: Response) => void;
}

/** The system messages sent: the endpoint's own prompt and the item's, combined as it says. */
export function systemMessagesFor(
	endpoint: Pick<Endpoint, 'systemPrompt' | 'systemPromptMode'>,
	item: Pick<PromptItem, 'system'>
): Message[] {
	return systemMessages(endpoint.systemPrompt, item.system, endpoint.systemPromptMode);
}

/** Every system message sent, joined by a blank line (for the record and for token estimates). */
export function systemFor(
	endpoint: Pick<Endpoint, 'systemPrompt' | 'systemPromptMode'>,
	item: Pick<PromptItem, 'system'>
): string | undefined {
	const messages = systemMessagesFor(endpoint, item);
	return messages.length > 0 ? messages.map((m) => m.content).join('\n\n') : undefined;
}

export function paramsSnapshot(endpoint: Endpoint, system: string | undefined): ParamsSnapshot {
	const { temperature, top_p, max_tokens, seed } = endpoint.params;
	const mode = endpoint.systemPromptMode;
	return {
		model: endpoint.model,
		...(temperature !== undefined ? { temperature } : {}),
		...(top_p !== undefined ? { top_p } : {}),
		...(max_tokens !== undefined ? { max_tokens } : {}),
		...(seed !== undefined ? { seed } : {}),
		...(system !== undefined ? { system } : {}),
		...(system !== undefined && endpoint.systemPrompt?.trim() && mode ? { systemMode: mode } : {})
	};
}

function addUsage(total: Usage | undefined, turn: TurnAccumulator, sent: Message[]): Usage {
	const reported = turn.usage;
	const usage: Usage = reported
		? { ...reported, estimated: false }
		: {
				promptTokens: sent.reduce((sum, message) => sum + estimateTokens(message.content), 0),
				completionTokens: estimateTokens(turn.content) + estimateTokens(turn.reasoning),
				totalTokens: 0,
				estimated: true
			};
	if (!reported) usage.totalTokens = usage.promptTokens + usage.completionTokens;
	if (!total) return usage;
	return {
		promptTokens: total.promptTokens + usage.promptTokens,
		completionTokens: total.completionTokens + usage.completionTokens,
		totalTokens: total.totalTokens + usage.totalTokens,
		estimated: total.estimated || usage.estimated
	};
}

function assistantMessage(turn: TurnAccumulator): Message {
	const reasoning = turn.reasoning;
	return { role: 'assistant', content: turn.content, ...(reasoning ? { reasoning } : {}) };
}

/**
 * The finished turns of an earlier attempt worth keeping: user/assistant pairs whose assistant
 * answer was followed by the next user turn, provided they match this item and system message.
 */
export function finishedTurns(
	previous: readonly Message[],
	systems: readonly Message[],
	turns: readonly string[]
): Message[] {
	const start = systems.length;
	const same = systems.every(
		(message, index) =>
			previous[index]?.role === 'system' && previous[index]?.content === message.content
	);
	if (!same || previous[start]?.role === 'system') return [];
	const kept: Message[] = [];
	for (let turn = 0; turn < turns.length - 1; turn++) {
		const user = previous[start + 2 * turn];
		const answer = previous[start + 2 * turn + 1];
		const next = previous[start + 2 * turn + 2];
		if (user?.role !== 'user' || user.content !== turns[turn]) break;
		if (answer?.role !== 'assistant' || next?.role !== 'user') break;
		kept.push(user, answer);
	}
	return kept;
}

function toError(error: unknown): ResponseError {
	if (error instanceof ProviderError) {
		return {
			kind: error.kind,
			message: error.message.slice(0, 2_000),
			...(error.status !== undefined ? { status: error.status } : {})
		};
	}
	const message = error instanceof Error ? error.message : String(error);
	return { kind: 'unknown', message: `Unexpected failure: ${message}`.slice(0, 2_000) };
}

/** A short note for researchers about how a finished answer ended, if it is worth one. */
export function finishNote(finishReason: string | undefined): string | undefined {
	if (finishReason === 'length') return 'truncated by max_tokens';
	if (finishReason === 'content_filter') return 'stopped by the content filter';
	return undefined;
}

export async function runOne(input: RunOneInput): Promise<Response> {
	const { endpoint, item, streamer } = input;
	const now = input.now ?? (() => performance.now());
	const clock = input.clock ?? systemClock;
	const every = input.progressEveryMs ?? PROGRESS_EVERY_MS;
	const systems = systemMessagesFor(endpoint, item);
	const system = systemFor(endpoint, item);
	const createdAt = input.previous?.createdAt ?? clock().toISOString();
	const transcript: Message[] = [...systems];
	const base = {
		id: responseId(input.studyId, item.id, endpoint.id),
		studyId: input.studyId,
		itemId: item.id,
		endpointId: endpoint.id,
		params: paramsSnapshot(endpoint, system),
		attempts: (input.previous?.attempts ?? 0) + 1,
		createdAt
	};
	const kept = input.resume ? finishedTurns(input.resume.transcript, systems, item.turns) : [];
	transcript.push(...kept);
	const startedAt = now();
	let ttftMs: number | undefined = kept.length > 0 ? input.resume?.ttftMs : undefined;
	let usage: Usage | undefined = kept.length > 0 ? input.resume?.usage : undefined;
	let finishReason: string | undefined;
	let systemFingerprint: string | undefined;
	let lastProgress = startedAt;

	const snapshot = (
		status: Response['status'],
		turn?: TurnAccumulator,
		error?: ResponseError
	): Response => ({
		...base,
		status,
		transcript: turn && turn.pieces > 0 ? [...transcript, assistantMessage(turn)] : [...transcript],
		...(error ? { error } : {}),
		...(finishReason !== undefined ? { finishReason } : {}),
		...(usage ? { usage } : {}),
		...(ttftMs !== undefined ? { ttftMs } : {}),
		totalMs: Math.max(0, now() - startedAt),
		...(systemFingerprint ? { systemFingerprint } : {}),
		updatedAt: clock().toISOString()
	});

	for (const userTurn of item.turns.slice(kept.length / 2)) {
		transcript.push({ role: 'user', content: userTurn });
		const sent = transcript.map(({ role, content }) => ({ role, content }));
		const turn = new TurnAccumulator();
		try {
			const events = streamer(
				{ endpoint, key: input.key, messages: sent },
				{ signal: input.signal, idleTimeoutMs: input.idleTimeoutMs ?? idleTimeoutMsOf(endpoint) }
			);
			for await (const event of events) {
				const at = now();
				turn.add(event, at);
				if (ttftMs === undefined && turn.firstTokenAtMs !== undefined) {
					ttftMs = Math.max(0, turn.firstTokenAtMs - startedAt);
				}
				if (input.onProgress && turn.pieces > 0 && at - lastProgress >= every) {
					lastProgress = at;
					input.onProgress(snapshot('streaming', turn));
				}
			}
		} catch (error) {
			if (turn.usage || turn.pieces > 0) usage = addUsage(usage, turn, sent);
			const failure = toError(error);
			return snapshot(failure.kind === 'aborted' ? 'aborted' : 'error', turn, failure);
		}
		usage = addUsage(usage, turn, sent);
		finishReason = turn.finishReason;
		systemFingerprint = turn.systemFingerprint ?? systemFingerprint;
		transcript.push(assistantMessage(turn));
		if (turn.finishReason === 'content_filter') {
			return snapshot('error', undefined, {
				kind: 'content-filter',
				message:
					'The provider’s content filter stopped this answer. The partial text is kept; retry, or choose another prompt or model.'
			});
		}
	}
	return snapshot('done');
}
