import type { ArenaDB } from '../arena-db';

export async function getSetting<T>(db: ArenaDB, key: string, fallback: T): Promise<T> {
	const record = await db.settings.get(key);
	return record === undefined ? fallback : (record.value as T);
}

export async function setSetting(db: ArenaDB, key: string, value: unknown): Promise<void> {
	await db.settings.put({ key, value });
}
