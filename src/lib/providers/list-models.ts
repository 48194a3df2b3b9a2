// `GET /models` is optional in the OpenAI-compatible world (some servers lack it or need other
// auth), so "not offered" is a normal answer here, distinct from a real failure.
import type { ChatRequest } from '$lib/core/stream/events';
import { classifyError, isConnectionProblem, probeReachable } from './classify-error';
import { clientFor } from './openai-compatible';
import { pageOrigin } from './presets';

export type ModelListing =
	| { offered: true; models: string[] }
	/** The server has no model list (404/405/501): the caller should try a one-token call. */
	| { offered: false };

export async function listModels(
	endpoint: ChatRequest['endpoint'],
	key: string | undefined,
	signal?: AbortSignal
): Promise<ModelListing> {
	try {
		const client = await clientFor(endpoint, key);
		const models: string[] = [];
		for await (const model of client.models.list({ signal })) {
			models.push(model.id);
			if (models.length >= 2_000) break;
		}
		return { offered: true, models: models.sort((a, b) => a.localeCompare(b)) };
	} catch (error) {
		const status = (error as { status?: unknown } | null)?.status;
		if (status === 404 || status === 405 || status === 501) return { offered: false };
		const reachable =
			!signal?.aborted && isConnectionProblem(error)
				? await probeReachable(endpoint.baseURL)
				: undefined;
		throw classifyError(error, {
			baseURL: endpoint.baseURL,
			preset: endpoint.preset,
			model: endpoint.model,
			origin: pageOrigin(),
			secrets: key ? [key] : [],
			aborted: signal?.aborted === true,
			reachable
		});
	}
}
