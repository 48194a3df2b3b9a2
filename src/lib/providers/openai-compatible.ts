// The one streaming client for every OpenAI-compatible server, on the official SDK (loaded lazily:
// judging a finished bundle never downloads it). The SDK's own retries are off because only we
// know whether a token already reached the caller (retry.ts); its abort handling is kept by
// passing our signal in the request options, so stopping really closes the connection. The body
// of a successful answer is parsed here (sse.ts, wire-chunks.ts) into provider-neutral
// StreamEvents: the SDK's stream decoder alone cost several times our CPU budget per token.
import type {
	ChatRequest,
	ChatStreamer,
	StreamEvent,
	StreamOptions
} from '$lib/core/stream/events';
import { ProviderError } from '$lib/core/stream/events';
import { classifyError, hostOf, isConnectionProblem, probeReachable } from './classify-error';
import { pageOrigin } from './presets';
import { ChatStreamParser } from './sse';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry';
import { DEFAULT_IDLE_TIMEOUT_MS, idleTimer } from './timeout';

type OpenAIModule = typeof import('openai');
type OpenAIClient = InstanceType<OpenAIModule['default']>;

let sdk: Promise<OpenAIModule> | undefined;

export function loadSdk(): Promise<OpenAIModule> {
	sdk ??= import('openai');
	return sdk;
}

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

/** Our own marker for "the SDK stopped because we aborted"; classified by the context. */
class StreamStopped extends Error {}

/**
 * Reads the response body ourselves rather than through the SDK's Stream (see sse.ts for why):
 * the SDK still builds, authenticates and sends the request and turns error statuses into its
 * typed errors; only the SSE parsing of a successful answer happens here.
 */
async function* readBody(
	response: Response,
	parser: ChatStreamParser,
	onBytes: () => void
): AsyncGenerator<StreamEvent> {
	if (!response.body) throw new ProviderError('malformed', 'The server answered without a body.');
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	// A server that ignored `stream: true` answers with one JSON completion.
	const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
	let whole = '';
	let finished = false;
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) break;
			onBytes();
			const text = decoder.decode(value, { stream: true });
			if (isJson) whole += text;
			else yield* parser.push(text);
			if (parser.wire.done) break;
		}
		finished = true;
		const rest = decoder.decode();
		yield* isJson ? parser.wire.read([whole + rest]) : [...parser.push(rest), ...parser.flush()];
	} finally {
		if (!finished) reader.cancel().catch(() => undefined);
	}
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
		const response = await client.chat.completions
			.create(
				{
					model: endpoint.model,
					messages: request.messages.map(({ role, content }) => ({ role, content })),
					stream: true,
					stream_options: { include_usage: true },
					...samplingFields(endpoint)
				},
				{ signal: controller.signal }
			)
			.asResponse();
		timer.bump();
		responded = true;
		yield { type: 'start', atMs: Date.now() };
		const parser = new ChatStreamParser();
		const wire = parser.wire;
		yield* readBody(response, parser, () => timer.bump());
		if (controller.signal.aborted) throw new StreamStopped();
		if (wire.finishReason === undefined) {
			throw new ProviderError(
				'network',
				`The connection to ${hostOf(endpoint.baseURL)} closed before the model finished (no finish reason was sent). Retry the response.`
			);
		}
		yield {
			type: 'finish',
			reason: wire.finishReason,
			...(wire.systemFingerprint ? { systemFingerprint: wire.systemFingerprint } : {})
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
