// Each test gets its own in-memory IndexedDB (fake-indexeddb), so tests never share state.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ArenaDB } from '$lib/db/arena-db';

let counter = 0;

export function freshIndexedDb() {
	return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function testDb(deps = freshIndexedDb(), name = `test-${++counter}`): ArenaDB {
	return new ArenaDB(name, deps);
}
