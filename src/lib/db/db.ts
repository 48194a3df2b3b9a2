// The one database instance of the app, opened lazily. A newer version opened in another tab
// asks this one to close: we close and tell the user to reload rather than block the upgrade.
import { ArenaDB } from './arena-db';

let instance: ArenaDB | undefined;
const listeners = new Set<(message: string) => void>();

export function onDatabaseNotice(listener: (message: string) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function notify(message: string): void {
	for (const listener of listeners) listener(message);
}

export function getDb(): ArenaDB {
	if (!instance) {
		instance = new ArenaDB();
		instance.on('versionchange', () => {
			instance?.close();
			notify('Trait Arena was updated in another tab. Reload this page to continue.');
			return false;
		});
		void requestPersistence();
	}
	return instance;
}

/** Swap the instance (tests, or a fresh profile); closes the previous one. */
export function setDb(db: ArenaDB): void {
	if (instance && instance !== db) instance.close();
	instance = db;
}

async function requestPersistence(): Promise<void> {
	try {
		if (typeof navigator !== 'undefined' && navigator.storage?.persist) {
			const persisted = await navigator.storage.persisted();
			if (!persisted) await navigator.storage.persist();
		}
	} catch {
		// Best effort: browsers may refuse without an error the user can act on.
	}
}

export function describeStorageError(error: unknown): string {
	const name = error instanceof Error ? error.name : '';
	const inner = (error as { inner?: { name?: string } } | undefined)?.inner?.name ?? '';
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
		return 'The browser has no storage space left for Trait Arena. Export your data (Data → Export, full backup), then free space by deleting old studies or other sites’ data.';
	}
	const message = error instanceof Error ? error.message : String(error);
	return `Could not save to the browser database: ${message}`;
}
