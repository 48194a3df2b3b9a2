// The one database instance of the app, opened lazily. A newer version opened in another tab
// asks this one to close: we close and tell the user to reload rather than block the upgrade.
import { ArenaDB } from './arena-db';
import { StudyGoneError } from './repos/study-gone';

let instance: ArenaDB | undefined;
const listeners = new Set<(message: string) => void>();

const closeListeners = new Set<() => void>();

/** Calls `listener` when the browser closes the database under the app (storage deleted). */
export function onDatabaseClosed(listener: () => void): () => void {
	closeListeners.add(listener);
	return () => closeListeners.delete(listener);
}

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
		// The browser closes the connection itself when it deletes the origin's storage.
		instance.on('close', () => {
			for (const listener of closeListeners) listener();
		});
		instance.on('versionchange', () => {
			instance?.close();
			notify('Trait Arena was updated in another tab. Reload this page to continue.');
			return false;
		});
	}
	return instance;
}

/** Swap the instance (tests, or a fresh profile); closes the previous one. */
export function setDb(db: ArenaDB): void {
	if (instance && instance !== db) instance.close();
	instance = db;
}

export function describeStorageError(error: unknown): string {
	if (error instanceof StudyGoneError) return error.message;
	const name = error instanceof Error ? error.name : '';
	const inner = (error as { inner?: { name?: string } } | undefined)?.inner?.name ?? '';
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
		return 'The browser has no storage space left for Trait Arena. Export your data (Data → Export, full backup), then free space by deleting old studies or other sites’ data.';
	}
	const message = error instanceof Error ? error.message : String(error);
	return `Could not save to the browser database: ${message}`;
}

/** A refusal of our own (a plain Error: a name clash, a rule) as it is; anything else as above. */
export function describeSaveFailure(error: unknown): string {
	return error instanceof Error && error.name === 'Error'
		? error.message
		: describeStorageError(error);
}
