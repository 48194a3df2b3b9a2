// Storage loss is never silent. The browser may delete the app's IndexedDB (a full disk, "clear
// site data", an evicted non-persistent origin). A small marker in localStorage — outside
// IndexedDB — remembers how much of the user's data there was; at start, if the database is empty
// while the marker says otherwise, the app stops and says so instead of quietly starting over
// (and re-installing the demo over the loss). It also asks for persistent storage and watches
// free space, so a user hears about low space before a write fails.
import {
	hasStoredData,
	onDatabaseWrite,
	storedDataCounts,
	type StoredDataCounts
} from '$lib/db/repos/stored-data';
import { getDb, onDatabaseClosed } from '$lib/db/db';
import type { ArenaDB } from '$lib/db/arena-db';
import { nowIso, systemClock, type Clock } from '$lib/core/clock';

export const MARKER_KEY = 'trait-arena:stored-data';
/** Warn below this much free space (or below a tenth of the quota). */
export const LOW_SPACE_BYTES = 500 * 1024 * 1024;

export interface StoredDataMarker extends StoredDataCounts {
	/** When the counts were last seen in the database. */
	seenAt: string;
}

interface GuardDeps {
	db?: () => ArenaDB;
	storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
	manager?: Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;
	clock?: Clock;
}

function browserStorage() {
	try {
		return globalThis.localStorage;
	} catch {
		return undefined; // Some privacy modes refuse localStorage: the guard then does nothing.
	}
}

export class StorageGuard {
	state = $state<'checking' | 'ok' | 'lost'>('checking');
	/** What the marker said was stored, when the database turned out empty. */
	lost = $state.raw<StoredDataMarker | undefined>(undefined);
	/** Whether the browser keeps this origin's data until the user deletes it. */
	persisted = $state<boolean | undefined>(undefined);
	freeBytes = $state<number | undefined>(undefined);
	lowSpace = $state(false);

	readonly #db: () => ArenaDB;
	readonly #storage: GuardDeps['storage'];
	readonly #manager: GuardDeps['manager'];
	readonly #clock: Clock;
	#stopWatching: (() => void) | undefined;
	#counting = false;
	#writtenMeanwhile = false;

	constructor(deps: GuardDeps = {}) {
		this.#db = deps.db ?? getDb;
		this.#storage = deps.storage ?? browserStorage();
		this.#manager =
			deps.manager ?? (typeof navigator === 'undefined' ? undefined : navigator.storage);
		this.#clock = deps.clock ?? systemClock;
	}

	/** Compares the database with the marker; views render only once this says 'ok'. */
	async check(): Promise<void> {
		const marker = this.#readMarker();
		try {
			const counts = await storedDataCounts(this.#db());
			if (marker && hasStoredData(marker) && !hasStoredData(counts)) {
				this.lost = marker;
				this.state = 'lost';
				return;
			}
			this.#writeMarker(counts);
		} catch {
			// An unreadable database is reported by the views that use it.
		}
		this.#watch();
		this.state = 'ok';
		void this.refreshSpace();
	}

	/** The user has read what was lost: start afresh (the marker follows the database again). */
	acknowledge(): void {
		this.#storage?.removeItem(MARKER_KEY);
		this.lost = undefined;
		this.#watch();
		this.state = 'ok';
	}

	/** Asks the browser to keep the data until the user deletes it; remembers the answer. */
	async requestPersistence(): Promise<boolean | undefined> {
		try {
			if (!this.#manager?.persist) return undefined;
			this.persisted = (await this.#manager.persisted()) || (await this.#manager.persist());
		} catch {
			this.persisted = false;
		}
		return this.persisted;
	}

	async refreshSpace(): Promise<void> {
		try {
			const estimate = await this.#manager?.estimate?.();
			if (!estimate?.quota) return;
			const free = estimate.quota - (estimate.usage ?? 0);
			this.freeBytes = free;
			this.lowSpace = free < LOW_SPACE_BYTES || free < estimate.quota / 10;
			this.persisted ??= await this.#manager?.persisted?.();
		} catch {
			// Estimates are a courtesy; writes still report a full disk themselves.
		}
	}

	dispose(): void {
		this.#stopWatching?.();
		this.#stopWatching = undefined;
	}

	#watch(): void {
		if (this.#stopWatching) return;
		const db = this.#db();
		this.#stopWatching = onDatabaseWrite(db, () => this.#recount(db));
	}

	/** One recount at a time; writes that land during it are counted by one more. */
	#recount(db: ArenaDB): void {
		if (this.#counting) {
			this.#writtenMeanwhile = true;
			return;
		}
		this.#counting = true;
		this.#writtenMeanwhile = false;
		void storedDataCounts(db)
			.then((counts) => this.#writeMarker(counts))
			.catch(() => undefined)
			.finally(() => {
				this.#counting = false;
				if (this.#writtenMeanwhile) this.#recount(db);
			});
	}

	#readMarker(): StoredDataMarker | undefined {
		try {
			const raw = this.#storage?.getItem(MARKER_KEY);
			const parsed = raw ? (JSON.parse(raw) as Partial<StoredDataMarker>) : undefined;
			if (!parsed) return undefined;
			const count = (value: unknown) => (typeof value === 'number' && value > 0 ? value : 0);
			return {
				studies: count(parsed.studies),
				judgments: count(parsed.judgments),
				endpoints: count(parsed.endpoints),
				seenAt: typeof parsed.seenAt === 'string' ? parsed.seenAt : ''
			};
		} catch {
			return undefined;
		}
	}

	#writeMarker(counts: StoredDataCounts): void {
		try {
			if (!hasStoredData(counts)) return void this.#storage?.removeItem(MARKER_KEY);
			const marker: StoredDataMarker = { ...counts, seenAt: nowIso(this.#clock) };
			this.#storage?.setItem(MARKER_KEY, JSON.stringify(marker));
		} catch {
			// A full localStorage must not break the app; the guard is then blind, not wrong.
		}
	}
}

export const storageGuard = new StorageGuard();
// Deleted while the app runs: check again (the connection reopens on an empty database).
onDatabaseClosed(() => void storageGuard.check());
