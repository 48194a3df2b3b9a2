// Before any request is sent: which of a study's endpoints have no key in this session although
// they need one, and entering it right where generation is started.
import type { Endpoint } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { keyWasUsed, noteKeyUse } from '$lib/endpoints/key-use';
import { keyVault, type KeyVault } from '$lib/providers/key-vault.svelte';
import { endpointsWithoutKey } from './missing-keys';

export class KeyCheck {
	missing = $state.raw<Endpoint[]>([]);
	error = $state<string | undefined>(undefined);
	readonly #db: () => ArenaDB;
	readonly #vault: KeyVault;

	constructor(db: () => ArenaDB = getDb, vault: KeyVault = keyVault) {
		this.#db = db;
		this.#vault = vault;
	}

	async check(endpoints: readonly Endpoint[]): Promise<void> {
		try {
			this.missing = await endpointsWithoutKey(
				endpoints,
				(id) => this.#vault.get(id),
				(id) => keyWasUsed(this.#db(), id)
			);
		} catch (error) {
			this.error = describeStorageError(error);
		}
	}

	/** Keeps the key (in memory, or on this device if asked); once none is missing, runs `then`. */
	async enter(
		endpoint: Endpoint,
		key: string,
		remember: boolean,
		then: () => Promise<void>
	): Promise<boolean> {
		if (!key.trim()) {
			this.error = `Paste the API key for ${endpoint.label}.`;
			return false;
		}
		try {
			await this.#vault.set(endpoint.id, key, remember);
			await noteKeyUse(this.#db(), endpoint.id, true);
		} catch (error) {
			this.error = describeStorageError(error);
			return false;
		}
		this.error = undefined;
		this.missing = this.missing.filter((other) => other.id !== endpoint.id);
		if (this.missing.length === 0) await then();
		return true;
	}
}
