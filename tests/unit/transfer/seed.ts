// Puts a synthetic world into a test database, with secrets planted where a careless exporter
// would pick them up: the keys table, endpoint headers and a credential in a base URL.
import type { ArenaDB } from '$lib/db/arena-db';
import type { World } from '../core/analysis/synthetic';
import { putItems } from '$lib/db/repos/item-pages';

export const PLANTED = ['sk-PLANTED-key-0123456789', 'hdr-PLANTED-9876543210', 'url-PLANTED-24680'];

export async function seedWorld(db: ArenaDB, world: World, plantSecrets = true): Promise<void> {
	const endpoints = plantSecrets
		? world.endpoints.map((endpoint) => ({
				...endpoint,
				headers: { 'api-key': PLANTED[1] as string },
				baseURL: `https://llm.example/v1?api-key=${PLANTED[2]}`
			}))
		: world.endpoints;
	await db.transaction('rw', db.tables, async () => {
		await db.endpoints.bulkPut(endpoints);
		await db.promptSets.put(world.set);
		await putItems(db, world.items);
		await db.studies.put(world.study);
		await db.responses.bulkPut(world.responses);
		await db.trials.bulkPut(world.trials);
		await db.judgments.bulkPut(world.judgments);
		if (plantSecrets) {
			await db.keys.bulkPut(
				world.endpoints.map((endpoint) => ({
					endpointId: endpoint.id,
					key: PLANTED[0] as string,
					savedAt: endpoint.createdAt
				}))
			);
		}
	});
}

export async function counts(db: ArenaDB): Promise<Record<string, number>> {
	const result: Record<string, number> = {};
	for (const table of db.tables) result[table.name] = await table.count();
	return result;
}
