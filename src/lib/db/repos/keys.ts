// Keys are persisted only when the user opts in ("remember on this device"); otherwise they live
// in memory (see providers/key-vault). This table is never part of a backup or export.
import type { KeyRecord } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';

export async function rememberKey(db: ArenaDB, endpointId: string, key: string): Promise<void> {
	const record: KeyRecord = { endpointId, key, savedAt: new Date().toISOString() };
	await db.keys.put(record);
}

export async function forgetKey(db: ArenaDB, endpointId: string): Promise<void> {
	await db.keys.delete(endpointId);
}

export async function forgetAllKeys(db: ArenaDB): Promise<void> {
	await db.keys.clear();
}

export async function loadRememberedKeys(db: ArenaDB): Promise<Map<string, string>> {
	const records = await db.keys.toArray();
	return new Map(records.map((record) => [record.endpointId, record.key]));
}
