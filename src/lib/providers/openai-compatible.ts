// The one streaming client for every OpenAI-compatible server, on the official SDK (loaded lazily:
// judging a finished bundle never downloads it). The SDK builds, authenticates and sends the
// request, turns error statuses and in-stream error events into its typed errors, and parses the
// server-sent events; this module maps its chunks to provider-neutral StreamEvents. The SDK's own
// retries are off because only we know whether a token already reached the caller (retry.ts); our
// signal goes into the request options, so stopping really closes the connection.
import type {
	ChatRequest,
	ChatStreamer,
	StreamEvent,
	StreamOptions
} from '$lib/core/stream/events';
import { ProviderError } from '$lib/core/stream/events';
import { classifyError, hostOf, isConnectionProblem, probeReachable } from './classify-error';
import { pageOrigin } from './presets';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry';
import { DEFAULT_IDLE_TIMEOUT_MS, idleTimer } from './timeout';

type OpenAIModule = typeof import('openai');
type OpenAIClient = InstanceType<OpenAIModule['default']>;

let sdk: Promise<OpenAIModule> | undefined;

export function loadSdk(): Promise<OpenAIModule> {
	sdk ??= import('openai');
	return sdk;
}

/**
 * The SDK's stream decoder (openai 6) copies the rest of a network read once per event, so a read
 * holding many events costs time quadratic in its size, and a page that falls behind is handed
 * ever larger reads. Cutting each read into small pieces keeps decoding linear (openai 7 fixes
 * the decoder but needs Node 22). See docs/decisions.md.
 */
const READ_PIECE_BYTES = 2048;

function inSmallReads(response: Response): Response {
	if (!response.body) return response;
	const pieces = new TransformStream<Uint8Array, Uint8Array>({
		transform(chunk, controller) {
			for (let start = 0; start < chunk.length; start += READ_PIECE_BYTES) {
				// A copy, not a view: the piece may be read after the next network read arrives.
				controller.enqueue(chunk.slice(start, start + READ_PIECE_BYTES));
			}
		}
	});
	return new Response(response.body.pipeThrough(pieces), {
		status: response.status,
		statusText: response.statusText,
		headers: response.headers
	});
}

const fetchInSmallReads: typeof fetch = async (input, init) =>
	inSmallReads(await globalThis.fetch(input, init));

/** A client for one endpoint; without a key no Authorization header is sent at all. */
export async function clientFor(
	endpoint: ChatRequest['endpoint'],
	key: string | undefined
): Promise<OpenAIClient> {
	const { default: OpenAI } = await loadSdk();
	const headers: Record<string, string | null> = { ...endpoint.headers };
	if (!key) headers.Authorization = null;
	return new OpenAI({
		baseURL: endpoint.baseURL,
		apiKey: key || 'no-key',
		dangerouslyAllowBrowser: true,
		maxRetries: 0,
		logLevel: 'off',
		fetch: fetchInSmallReads,
		defaultHeaders: headers
	});
}

/** The request body's sampling fields, exactly as sent (also what the response records). */
export function samplingFields(endpoint: ChatRequest['endpoint']): Record<string, number> {
	const params = endpoint.params ?? {};
	const fields: Record<string, number> = {};
	if (params.temperature !== undefined) fields.temperature = params.temperature;
	if (params.top_p !== undefined) fields.top_p = params.top_p;
	if (params.seed !== undefined) fields.seed = params.seed;
	if (params.max_tokens !== undefined) {
		// OpenAI's reasoning models refuse the older name; other servers only know the older one.
		fields[endpoint.preset === 'openai' ? 'max_completion_tokens' : 'max_tokens'] =
			params.max_tokens;
	}
	return fields;
}

/** What we read of a chunk; servers differ, so every field is checked before use. */
interface WireChunk {
	system_fingerprint?: unknown;
	usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown } | null;
	choices?: { delta?: WireDelta | null; message?: WireDelta | null; finish_reason?: unknown }[];
}

interface WireDelta {
	content?: unknown;
	reasoning_content?: unknown;
	reasoning?: unknown;
}

const count = (value: unknown) => (typeof value === 'number' && value >= 0 ? Math.round(value) : 0);

/** How the answer ended, read from the chunks as they pass. */
interface Ending {
	finishReason?: string;
	systemFingerprint?: string;
}

/** One chunk (or the whole completion of a server that ignored `stream: true`) → its events. */
export function chunkEvents(chunk: WireChunk, ending: Ending): StreamEvent[] {
	const events: StreamEvent[] = [];
	if (typeof chunk.system_fingerprint === 'string' && chunk.system_fingerprint) {
		ending.systemFingerprint = chunk.system_fingerprint;
	}
	const choice = chunk.choices?.[0];
	if (choice) {
		const delta = choice.delta ?? choice.message ?? {};
		// Servers name it differently (vLLM, DeepSeek: reasoning_content; OpenRouter, Ollama:
		// reasoning); either way it is kept apart from the answer.
		const reasoning =
			typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
		if (typeof reasoning === 'string' && reasoning !== '') {
			events.push({ type: 'reasoning', text: reasoning });
		}
		if (typeof delta.content === 'string' && delta.content !== '') {
			events.push({ type: 'delta', text: delta.content });
		}
		if (typeof choice.finish_reason === 'string' && choice.finish_reason) {
			ending.finishReason = choice.finish_reason;
		}
	}
	if (chunk.usage) {
		events.push({
			type: 'usage',
			promptTokens: count(chunk.usage.prompt_tokens),
			completionTokens: count(chunk.usage.completion_tokens),
			totalTokens: count(chunk.usage.total_tokens)
		});
	}
	return events;
}

function linkedController(signal: StreamOptions['signal']): {
	controller: AbortController;
	unlink: () => void;
} {
	const controller = new AbortController();
	if (!signal) return { controller, unlink: () => undefined };
	const forward = () => controller.abort(signal.reason);
	if (signal.aborted) forward();
	else signal.addEventListener('abort', forward, { once: true });
	return { controller, unlink: () => signal.removeEventListener('abort', forward) };
}

/** Our own marker for "the SDK stopped because we aborted"; classified by the context. */
class StreamStopped extends Error {}

/** One attempt, no retries: SDK chunks in, StreamEvents out, every failure a ProviderError. */
export async function* streamOnce(
	request: ChatRequest,
	options: StreamOptions = {}
): AsyncGenerator<StreamEvent> {
	const { endpoint, key } = request;
	const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
	const { controller, unlink } = linkedController(options.signal);
	const timer = idleTimer(idleMs, () => controller.abort());
	let responded = false;
	const context = () => ({
		baseURL: endpoint.baseURL,
		preset: endpoint.preset,
		model: endpoint.model,
		origin: pageOrigin(),
		secrets: key ? [key] : [],
		aborted: options.signal?.aborted === true,
		timedOut: timer.fired,
		idleTimeoutMs: idleMs,
		midStream: responded
	});
	try {
		if (options.signal?.aborted) throw new ProviderError('aborted', 'Stopped before sending.');
		const client = await clientFor(endpoint, key);
		const { data: stream, response } = await client.chat.completions
			.create(
				{
					model: endpoint.model,
					messages: request.messages.map(({ role, content }) => ({ role, content })),
					stream: true,
					stream_options: { include_usage: true },
					...samplingFields(endpoint),
					...(request.responseFormat && { response_format: request.responseFormat })
				},
				{ signal: controller.signal }
			)
			.withResponse();
		timer.bump();
		responded = true;
		yield { type: 'start', atMs: Date.now() };
		const ending: Ending = {};
		// A server that ignored `stream: true` answers with one JSON completion.
		if ((response.headers.get('content-type') ?? '').includes('application/json')) {
			for (const event of chunkEvents((await response.json()) as WireChunk, ending)) yield event;
		} else {
			for await (const chunk of stream) {
				timer.bump();
				for (const event of chunkEvents(chunk as WireChunk, ending)) yield event;
			}
		}
		if (controller.signal.aborted) throw new StreamStopped();
		if (ending.finishReason === undefined) {
			throw new ProviderError(
				'network',
				`The connection to ${hostOf(endpoint.baseURL)} closed before the model finished (no finish reason was sent). Retry the response.`
			);
		}
		yield {
			type: 'finish',
			reason: ending.finishReason,
			...(ending.systemFingerprint ? { systemFingerprint: ending.systemFingerprint } : {})
		};
	} catch (error) {
		const aborted = options.signal?.aborted === true;
		if (error instanceof ProviderError) throw classifyError(error, context());
		const reachable =
			!aborted && !timer.fired && !responded && isConnectionProblem(error)
				? await probeReachable(endpoint.baseURL)
				: undefined;
		throw classifyError(error, { ...context(), reachable });
	} finally {
		timer.clear();
		unlink();
	}
}

export function createStreamer(policy: RetryPolicy = DEFAULT_RETRY_POLICY): ChatStreamer {
	return withRetry(streamOnce, policy);
}

/** Streams a conversation from an OpenAI-compatible endpoint, with retries before the first token. */
export const streamChat: ChatStreamer = createStreamer();
