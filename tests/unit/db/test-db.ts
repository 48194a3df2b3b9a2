// Each test gets its own in-memory IndexedDB (fake-indexeddb), so tests never share state.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Dexie } from 'dexie';
import {
	ArenaDB,
	V1_STORES,
	V2_STORES,
	V3_STORES,
	V4_STORES,
	V5_STORES,
	V6_STORES
} from '$lib/db/arena-db';

let counter = 0;

export function freshIndexedDb() {
	return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function testDb(deps = freshIndexedDb(), name = `test-${++counter}`): ArenaDB {
	return new ArenaDB(name, deps);
}

const OLD_STORES = [V1_STORES, V2_STORES, V3_STORES, V4_STORES, V5_STORES, V6_STORES];

/**
 * A database as version `version` of the app left it (Dexie's upgrade recipe): every schema up to
 * that version, then `rows` per table. Open it with `testDb(deps, name)` to run the upgrades.
 */
export async function seedOldVersion(
	deps: ReturnType<typeof freshIndexedDb>,
	name: string,
	version: number,
	rows: Record<string, readonly unknown[]>
): Promise<void> {
	const old = new Dexie(name, deps);
	OLD_STORES.slice(0, version).forEach((stores, index) => old.version(index + 1).stores(stores));
	await old.open();
	for (const [table, list] of Object.entries(rows)) await old.table(table).bulkAdd([...list]);
	old.close();
}
