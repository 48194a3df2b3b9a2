// Server-sent events for chat completions. A response is a sequence of steps (frames, or the
// DROP/HANG markers for faults) pumped into the socket: batched with backpressure at full speed so
// benchmarks can stream 16k tokens in well under a second, or one frame per timer tick when slow.
// Every timer and listener is released when the client goes away, so aborted tests leak nothing.

import type { ServerResponse } from 'node:http';

export const DROP: unique symbol = Symbol('drop');
export const HANG: unique symbol = Symbol('hang');
export type Step = string | typeof DROP | typeof HANG;

export const DONE_FRAME = 'data: [DONE]\n\n';
/** What a broken proxy or provider can emit; clients must fail loudly, not skip it. */
export const MALFORMED_FRAME = 'data: {not json\n\n';

const BATCH_BYTES = 64 * 1024;
const SPLIT = 'MOCK_SPLIT_MARKER';

export type FinishReason = 'stop' | 'length' | 'content_filter';

export interface Usage {
	prompt_tokens: number;
	completion_tokens: number;
	total_tokens: number;
	completion_tokens_details?: { reasoning_tokens: number };
}

export interface ChunkEnvelope {
	id: string;
	created: number;
	model: string;
	systemFingerprint: string;
	/** With `stream_options.include_usage`, OpenAI adds `usage: null` to every chunk. */
	includeUsage: boolean;
}

/** Builds the `chat.completion.chunk` frames of one completion, sharing one envelope. */
export class ChunkFrames {
	#envelope: ChunkEnvelope;
	#contentPrefix: string;
	#contentSuffix: string;

	constructor(envelope: ChunkEnvelope) {
		this.#envelope = envelope;
		// The content frame is built by concatenation: stringifying 16k whole chunks per request
		// would make the mock, not the client under test, the bottleneck of streaming benchmarks.
		const [prefix, suffix] = this.frame({ content: SPLIT }).split(JSON.stringify(SPLIT));
		this.#contentPrefix = prefix ?? '';
		this.#contentSuffix = suffix ?? '';
	}

	frame(delta: Record<string, unknown>, finishReason: FinishReason | null = null): string {
		const { id, created, model, systemFingerprint, includeUsage } = this.#envelope;
		const chunk = {
			id,
			object: 'chat.completion.chunk',
			created,
			model,
			service_tier: 'default',
			system_fingerprint: systemFingerprint,
			choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
			...(includeUsage ? { usage: null } : {})
		};
		return `data: ${JSON.stringify(chunk)}\n\n`;
	}

	content(text: string): string {
		return this.#contentPrefix + JSON.stringify(text) + this.#contentSuffix;
	}

	usage(usage: Usage): string {
		const { id, created, model, systemFingerprint } = this.#envelope;
		const chunk = {
			id,
			object: 'chat.completion.chunk',
			created,
			model,
			service_tier: 'default',
			system_fingerprint: systemFingerprint,
			choices: [],
			usage
		};
		return `data: ${JSON.stringify(chunk)}\n\n`;
	}
}

export function startEventStream(res: ServerResponse): void {
	res.writeHead(200, {
		'content-type': 'text/event-stream; charset=utf-8',
		'cache-control': 'no-cache',
		connection: 'keep-alive'
	});
	res.flushHeaders();
}

/** An error answered the way some servers do once they have committed to a stream. */
export function sendErrorEvent(res: ServerResponse, body: unknown): void {
	startEventStream(res);
	res.end(`data: ${JSON.stringify(body)}\n\n`);
}

export interface PumpHooks {
	/** Called just before the server itself cuts the connection (so it is not a client abort). */
	onDrop(): void;
}

/**
 * Writes `steps` to `res` and ends it, or drops/leaves it hanging at a marker. Returns `stop`,
 * which is also wired to the response's `close` event.
 */
export function pumpSteps(
	res: ServerResponse,
	steps: Iterator<Step>,
	delayMs: number,
	hooks: PumpHooks
): () => void {
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;

	const stop = () => {
		stopped = true;
		clearTimeout(timer);
		res.off('drain', resume);
		res.off('close', stop);
	};

	const drop = (pending: string) => {
		stop();
		hooks.onDrop();
		// Flush what was promised first, so the client sees content and then a cut, not just a cut.
		const cut = () => setImmediate(() => res.destroy());
		if (pending === '') cut();
		else res.write(pending, cut);
	};

	function next(): void {
		if (stopped) return;
		let batch = '';
		for (;;) {
			const result = steps.next();
			if (result.done) {
				stop();
				res.end(batch);
				return;
			}
			const step = result.value;
			if (step === DROP) return drop(batch);
			if (step === HANG) {
				// No timer: the socket simply stays open until the client or close() ends it.
				stop();
				if (batch !== '') res.write(batch);
				return;
			}
			batch += step;
			if (delayMs > 0 || batch.length >= BATCH_BYTES) {
				const flushed = res.write(batch);
				batch = '';
				if (!flushed) {
					res.once('drain', resume);
					return;
				}
				if (delayMs > 0) return schedule();
			}
		}
	}

	function schedule(): void {
		if (!stopped) timer = setTimeout(next, delayMs);
	}

	function resume(): void {
		if (delayMs > 0) schedule();
		else next();
	}

	res.on('close', stop);
	next();
	return stop;
}
