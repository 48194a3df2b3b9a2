// "Test connection" answers one question — will generation work with these settings? — and
// names the exact problem when not. It lists models when the server offers a list (so the form
// can suggest them) and otherwise spends a single token on a real call.
import type { ChatRequest } from '$lib/core/stream/events';
import { ProviderError } from '$lib/core/stream/events';
import { listModels } from './list-models';
import { streamOnce } from './openai-compatible';

export interface ConnectionResult {
	ok: boolean;
	/** One sentence for a live region: what worked, or what is wrong and what to do. */
	message: string;
	/** Models the server listed (empty when it offers no list). */
	models: string[];
	kind?: ProviderError['kind'];
}

async function oneTokenCall(
	endpoint: ChatRequest['endpoint'],
	key: string | undefined,
	signal?: AbortSignal
): Promise<void> {
	const probe = { ...endpoint, params: { ...endpoint.params, max_tokens: 1 } };
	const messages = [{ role: 'user' as const, content: 'Say OK.' }];
	for await (const event of streamOnce(
		{ endpoint: probe, key, messages },
		{ signal, idleTimeoutMs: 30_000 }
	)) {
		if (event.type === 'delta' || event.type === 'finish') return;
	}
}

function failure(error: unknown): ConnectionResult {
	if (error instanceof ProviderError) {
		return { ok: false, message: error.message, models: [], kind: error.kind };
	}
	return {
		ok: false,
		message: 'The connection test failed unexpectedly.',
		models: [],
		kind: 'unknown'
	};
}

export async function testConnection(
	endpoint: ChatRequest['endpoint'],
	key: string | undefined,
	signal?: AbortSignal
): Promise<ConnectionResult> {
	try {
		const listing = await listModels(endpoint, key, signal);
		if (!listing.offered) {
			await oneTokenCall(endpoint, key, signal);
			return {
				ok: true,
				message: `Connected: ${endpoint.model} answered a one-token test (the server lists no models).`,
				models: []
			};
		}
		const { models } = listing;
		if (endpoint.model && models.length > 0 && !models.includes(endpoint.model)) {
			// Some servers list aliases only; a real call settles whether the model works.
			try {
				await oneTokenCall(endpoint, key, signal);
			} catch (error) {
				return { ...failure(error), models };
			}
			return {
				ok: true,
				message: `Connected: ${endpoint.model} answered, though it is not among the ${models.length} models the server lists.`,
				models
			};
		}
		return {
			ok: true,
			message: endpoint.model
				? `Connected: the server lists ${models.length} models, including ${endpoint.model}.`
				: `Connected: the server lists ${models.length} models. Pick one as the model.`,
			models
		};
	} catch (error) {
		return failure(error);
	}
}
