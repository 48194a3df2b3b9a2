// One mock server per test file on a random port, driven through the real `openai` SDK so the
// tests prove compatibility with the client the app ships, not with a hand-written parser.

import OpenAI from 'openai';
import type { ClientOptions } from 'openai';
import { createMockServer } from '../../../tools/mock-openai/server';
import type {
	MockServer,
	MockServerOptions,
	RecordedRequest
} from '../../../tools/mock-openai/server';

export interface Harness {
	mock: MockServer;
	/** Base URL ending in /v1. */
	baseURL: string;
	/** Scheme, host and port, for the control plane and /nocors paths. */
	origin: string;
	client(options?: ClientOptions): OpenAI;
}

export async function startHarness(options?: MockServerOptions): Promise<Harness> {
	const mock = createMockServer(options);
	const baseURL = await mock.listen(0);
	return {
		mock,
		baseURL,
		origin: new URL(baseURL).origin,
		client: (clientOptions) =>
			new OpenAI({ baseURL, apiKey: 'sk-test-1234567890', maxRetries: 0, ...clientOptions })
	};
}

export function user(content: string): OpenAI.ChatCompletionMessageParam[] {
	return [{ role: 'user', content }];
}

/** Finds the recorded request whose last message has this exact text. */
export function recordFor(mock: MockServer, text: string): RecordedRequest | undefined {
	return mock.requests.findLast((request) => JSON.stringify(request.body ?? null).includes(text));
}

export interface Collected {
	content: string;
	reasoning: string;
	finish: string | null;
	chunks: OpenAI.ChatCompletionChunk[];
	error: unknown;
}

/** Drains a stream, keeping what arrived before any error so partial output can be asserted. */
export async function collect(
	stream: AsyncIterable<OpenAI.ChatCompletionChunk>
): Promise<Collected> {
	const out: Collected = { content: '', reasoning: '', finish: null, chunks: [], error: undefined };
	try {
		for await (const chunk of stream) {
			out.chunks.push(chunk);
			const choice = chunk.choices[0];
			if (!choice) continue;
			const delta = choice.delta as { content?: string | null } & Record<string, unknown>;
			out.content += delta.content ?? '';
			for (const field of ['reasoning_content', 'reasoning']) {
				const value = delta[field];
				if (typeof value === 'string') out.reasoning += value;
			}
			if (choice.finish_reason) out.finish = choice.finish_reason;
		}
	} catch (error) {
		out.error = error;
	}
	return out;
}
