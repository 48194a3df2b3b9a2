// The no-key, no-network demo endpoint: a ChatStreamer that answers inside the page (answers
// from demo-answers.ts), streamed in word-sized chunks with small, seeded, realistic delays so a
// presenter's live arena looks like the real thing. It honours the abort signal at once (not at
// the next chunk), emits the same start/delta/usage/finish events as the SDK adapter, and stops
// at max_tokens with finish reason `length` like a real server.
import { seededRandom } from '$lib/core/random/prng';
import {
	ProviderError,
	type AbortSignalLike,
	type ChatStreamer,
	type StreamEvent
} from '$lib/core/stream/events';
import { demoAnswer } from './demo-answers';

export interface SimulatedStreamerOptions {
	/** Mean pause between chunks (ms); 0 streams as fast as the consumer reads. */
	chunkDelayMs?: number;
	/** Pause before the first chunk (ms), like a server's time to first token. */
	firstChunkDelayMs?: number;
	/** Waits `ms`, rejecting as soon as `signal` aborts (injected by tests). */
	sleep?: (ms: number, signal: AbortSignalLike | undefined) => Promise<void>;
	now?: () => number;
}

export const DEFAULT_CHUNK_DELAY_MS = 14;
export const DEFAULT_FIRST_CHUNK_DELAY_MS = 220;

function stopped(): ProviderError {
	return new ProviderError('aborted', 'Stopped before the answer finished.');
}

/** setTimeout that also ends early, with an abort error, when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
	if (signal?.aborted) return Promise.reject(stopped());
	if (ms <= 0) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(stopped());
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/** Word-sized pieces (a word with the space after it), like tokens from a real server. */
export function chunksOf(text: string): string[] {
	return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function createSimulatedStreamer(options: SimulatedStreamerOptions = {}): ChatStreamer {
	const chunkDelay = options.chunkDelayMs ?? DEFAULT_CHUNK_DELAY_MS;
	const firstDelay = options.firstChunkDelayMs ?? DEFAULT_FIRST_CHUNK_DELAY_MS;
	const sleep = options.sleep ?? abortableSleep;
	const now = options.now ?? Date.now;

	return async function* simulated(request, streamOptions = {}): AsyncGenerator<StreamEvent> {
		const signal = streamOptions.signal;
		if (signal?.aborted) throw stopped();
		const { endpoint, messages } = request;
		const text = demoAnswer(endpoint.model, messages);
		const random = seededRandom('demo-pace', endpoint.model, text.length);
		const maxTokens = endpoint.params?.max_tokens;
		let chunks = chunksOf(text);
		const truncated = maxTokens !== undefined && chunks.length > maxTokens;
		if (truncated) chunks = chunks.slice(0, maxTokens);

		await sleep(firstDelay * (0.75 + random() * 0.5), signal);
		yield { type: 'start', atMs: now() };
		for (const chunk of chunks) {
			// Jitter from 0.4× to 1.6× the mean: irregular like a network, same every run.
			await sleep(chunkDelay * (0.4 + random() * 1.2), signal);
			if (signal?.aborted) throw stopped();
			yield { type: 'delta', text: chunk };
		}
		const promptTokens = messages.reduce((sum, m) => sum + countWords(m.content) + 3, 3);
		yield {
			type: 'usage',
			promptTokens,
			completionTokens: chunks.length,
			totalTokens: promptTokens + chunks.length
		};
		yield { type: 'finish', reason: truncated ? 'length' : 'stop' };
	};
}

export const simulatedStreamer: ChatStreamer = createSimulatedStreamer();
