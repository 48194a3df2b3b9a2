// Endpoint writes. Deleting an endpoint also forgets its key in the same transaction, so no
// orphaned secret stays behind.
import { EndpointSchema, type Endpoint, type EndpointInput } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';

export async function saveEndpoint(db: ArenaDB, input: EndpointInput): Promise<Endpoint> {
	const endpoint = EndpointSchema.parse(input);
	await db.endpoints.put(endpoint);
	return endpoint;
}

export async function deleteEndpoint(db: ArenaDB, id: string): Promise<void> {
	await db.transaction('rw', db.endpoints, db.keys, async () => {
		await db.endpoints.delete(id);
		await db.keys.delete(id);
	});
}

export function listEndpoints(db: ArenaDB): Promise<Endpoint[]> {
	return db.endpoints.orderBy('updatedAt').toArray();
}
