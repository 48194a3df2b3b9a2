// How much of the user's own data the database holds: studies (not the built-in demo), judgments
// and endpoints (not the demo's). The storage guard keeps these counts outside IndexedDB, so that
// if the browser deletes the database the app can tell that something was there.
import { Dexie } from 'dexie';
import type { ArenaDB } from '../arena-db';

export interface StoredDataCounts {
	studies: number;
	judgments: number;
	endpoints: number;
}

export async function storedDataCounts(db: ArenaDB): Promise<StoredDataCounts> {
	return db.transaction('r', db.studies, db.judgments, db.endpoints, async () => ({
		// Counted by key, not by reading records: this runs after every write, and a study record
		// carries every item id.
		studies: (await db.studies.count()) - (await db.studies.where('kind').equals('demo').count()),
		judgments: await db.judgments.count(),
		endpoints: await db.endpoints.filter((endpoint) => endpoint.preset !== 'demo').count()
	}));
}

export function hasStoredData(counts: StoredDataCounts): boolean {
	return counts.studies + counts.judgments + counts.endpoints > 0;
}

/** Calls `listener` after any write to the database commits (this tab or another). */
export function onDatabaseWrite(db: ArenaDB, listener: () => void): () => void {
	const prefix = `idb://${db.name}/`;
	const handler = (parts: Record<string, unknown>) => {
		if (Object.keys(parts).some((part) => part.startsWith(prefix))) listener();
	};
	Dexie.on('storagemutated', handler);
	return () => Dexie.on('storagemutated').unsubscribe(handler);
}
