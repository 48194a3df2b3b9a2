// The provider-neutral shape of a streamed chat completion. Providers turn SDK chunks into these
// events; the generation runner, the live arena and the demo's simulated endpoint all consume
// them, so none of them depends on the openai SDK.
import type { Endpoint, ErrorKind, Message, SamplingParams } from '../schema';

export type StreamEvent =
	| { type: 'start'; atMs: number }
	| { type: 'delta'; text: string }
	| { type: 'reasoning'; text: string }
	| {
			type: 'usage';
			promptTokens: number;
			completionTokens: number;
			totalTokens: number;
	  }
	| { type: 'finish'; reason: string; systemFingerprint?: string };

export interface ChatRequest {
	endpoint: Pick<Endpoint, 'id' | 'baseURL' | 'model' | 'headers' | 'preset'> & {
		params?: SamplingParams;
	};
	/** The API key, when the endpoint needs one; never logged, never stored with the request. */
	key?: string;
	messages: Message[];
	/** Structured output (a JSON Schema the reply must follow), for servers that support it. */
	responseFormat?: {
		type: 'json_schema';
		json_schema: { name: string; strict?: boolean; schema: Record<string, unknown> };
	};
}

/** The part of the DOM's AbortSignal the core relies on (the core is compiled without DOM types). */
export interface AbortSignalLike {
	readonly aborted: boolean;
	readonly reason?: unknown;
	addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
	removeEventListener(type: 'abort', listener: () => void): void;
}

export interface StreamOptions {
	signal?: AbortSignalLike;
	/** Give up when no byte arrives for this long (ms). */
	idleTimeoutMs?: number;
}

/** Anything that can stream a chat completion: the openai SDK client, or the demo simulator. */
export type ChatStreamer = (
	request: ChatRequest,
	options?: StreamOptions
) => AsyncIterable<StreamEvent>;

/** A failure a researcher can act on: a kind the UI names, and a message without secrets. */
export class ProviderError extends Error {
	constructor(
		readonly kind: ErrorKind,
		message: string,
		readonly status?: number,
		/** Seconds the server asked us to wait (retry-after), when it said. */
		readonly retryAfterSeconds?: number
	) {
		super(message);
		this.name = 'ProviderError';
	}
}
