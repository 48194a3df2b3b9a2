// Test doubles for generation: a scriptable ChatStreamer that records what it was asked and how
// many requests each endpoint had in flight, and a fake monotonic clock.
import { ProviderError, type ChatRequest, type ChatStreamer } from '$lib/core/stream/events';

export interface FakeCall {
	endpointId: string;
	messages: ChatRequest['messages'];
	key: string | undefined;
}

export interface FakeScript {
	/** The answer text for a request (split into word tokens). */
	answer?: (request: ChatRequest, call: number) => string;
	/** An error to throw for this request, after `tokensBefore` tokens. */
	fail?: (
		request: ChatRequest,
		call: number
	) => { error: ProviderError; tokensBefore?: number } | undefined;
	/** Awaited before each token (lets a test hold streams open). */
	beforeToken?: (request: ChatRequest, index: number) => Promise<void>;
	/** When false the stream ignores abort (a crashed tab). Default true. */
	honourAbort?: boolean;
	usage?: boolean;
	finishReason?: string;
}

export function fakeStreamer(script: FakeScript = {}) {
	const calls: FakeCall[] = [];
	const inFlight = new Map<string, number>();
	const maxInFlight = new Map<string, number>();
	const streamer: ChatStreamer = async function* (request, options = {}) {
		const call = calls.length;
		const endpointId = request.endpoint.id;
		calls.push({ endpointId, messages: request.messages, key: request.key });
		const now = (inFlight.get(endpointId) ?? 0) + 1;
		inFlight.set(endpointId, now);
		maxInFlight.set(endpointId, Math.max(maxInFlight.get(endpointId) ?? 0, now));
		try {
			yield { type: 'start', atMs: 0 };
			const text =
				script.answer?.(request, call) ??
				`Answer to ${request.messages.at(-1)?.content ?? ''} from ${request.endpoint.model}`;
			const tokens = text.split(/(?<= )/);
			const failure = script.fail?.(request, call);
			for (const [index, token] of tokens.entries()) {
				if (failure && index === (failure.tokensBefore ?? 0)) throw failure.error;
				await script.beforeToken?.(request, index);
				// Yield to the event loop like a network stream would.
				await new Promise((resolve) => setTimeout(resolve, 0));
				if (options.signal?.aborted && script.honourAbort !== false) {
					throw new ProviderError('aborted', 'Stopped before the answer finished.');
				}
				yield { type: 'delta', text: token };
			}
			if (failure) throw failure.error;
			if (script.usage !== false) {
				yield {
					type: 'usage',
					promptTokens: 10,
					completionTokens: tokens.length,
					totalTokens: 10 + tokens.length
				};
			}
			yield { type: 'finish', reason: script.finishReason ?? 'stop', systemFingerprint: 'fp_fake' };
		} finally {
			inFlight.set(endpointId, (inFlight.get(endpointId) ?? 1) - 1);
		}
	};
	return { streamer, calls, maxInFlight };
}

/** A monotonic clock that moves forward by `stepMs` on every read. */
export function steppingNow(stepMs: number): () => number {
	let time = 0;
	return () => (time += stepMs);
}

/** A promise with its resolver, to hold a stream open until the test says so. */
export function gate(): { promise: Promise<void>; open: () => void } {
	let open = () => undefined as void;
	const promise = new Promise<void>((resolve) => (open = resolve));
	return { promise, open };
}
