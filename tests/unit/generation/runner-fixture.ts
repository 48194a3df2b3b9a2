// The runner's test set-up: a study of `itemCount` items over two endpoints in a fresh database,
// a runner over it with a fake streamer, and a poll for conditions reached asynchronously.
import { fixedClock } from '$lib/core/clock';
import type { ChatStreamer } from '$lib/core/stream/events';
import type { Endpoint } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { saveEndpoint } from '$lib/db/repos/endpoints';
import { addPromptSet } from '$lib/db/repos/prompts';
import { createStudy } from '$lib/db/repos/studies';
import { GenerationRunner, type RunnerOptions } from '$lib/generation/runner.svelte';
import { makeEndpoint, makeItem, makePromptSet, makeStudy, T0 } from '../factories';
import { testDb } from '../db/test-db';
import { steppingNow } from './fakes';

export const ENDPOINTS = [
	makeEndpoint({ id: 'ep-a', label: 'Alpha', model: 'model-a' }),
	makeEndpoint({ id: 'ep-b', label: 'Beta', model: 'model-b', role: 'trained' })
];

export async function seed(itemCount: number, endpoints: Endpoint[] = ENDPOINTS): Promise<ArenaDB> {
	const db = testDb();
	for (const endpoint of endpoints) await saveEndpoint(db, endpoint);
	const items = Array.from({ length: itemCount }, (_, index) =>
		makeItem({ id: `item-${index + 1}`, turns: [`Question ${index + 1}?`] })
	);
	await addPromptSet(db, makePromptSet(), items);
	await createStudy(
		db,
		makeStudy({
			endpointIds: endpoints.map((endpoint) => endpoint.id),
			baselineEndpointId: endpoints[0]?.id,
			itemIds: items.map((item) => item.id)
		}),
		[]
	);
	return db;
}

export function runner(db: ArenaDB, streamer: ChatStreamer, options: RunnerOptions = {}) {
	return new GenerationRunner('study-1', {
		db: () => db,
		streamerFor: async () => streamer,
		keyFor: async () => 'sk-test-runner-123',
		now: steppingNow(5),
		clock: fixedClock(T0),
		retryDelayMs: 1,
		...options
	});
}

export async function until(
	check: () => boolean | Promise<boolean>,
	timeoutMs = 30_000
): Promise<void> {
	const start = Date.now();
	while (!(await check())) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
