// API keys live in this object's private memory for the session. Only when the user ticks
// "remember on this device" is a key written to its own table (never part of a backup or export).
// Views see only whether a key is set and where it lives, never the key itself: the reactive
// state holds statuses, and the secrets sit in a plain private Map no template can render.
import { SvelteMap } from 'svelte/reactivity';
import type { ArenaDB } from '$lib/db/arena-db';
import { getDb } from '$lib/db/db';
import { forgetAllKeys, forgetKey, loadRememberedKeys, rememberKey } from '$lib/db/repos/keys';

export type KeyStatus = 'none' | 'session' | 'remembered';

export class KeyVault {
	// Deliberately not reactive: no effect or template can ever depend on (and so render) a key.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#keys = new Map<string, string>();
	#status = new SvelteMap<string, KeyStatus>();
	#loaded: Promise<void> | undefined;
	#db: () => ArenaDB;

	constructor(db: () => ArenaDB = getDb) {
		this.#db = db;
	}

	/** Loads remembered keys once; every reader awaits it first. */
	ready(): Promise<void> {
		this.#loaded ??= loadRememberedKeys(this.#db()).then((remembered) => {
			for (const [endpointId, key] of remembered) {
				if (this.#keys.has(endpointId)) continue;
				this.#keys.set(endpointId, key);
				this.#status.set(endpointId, 'remembered');
			}
		});
		return this.#loaded;
	}

	async get(endpointId: string): Promise<string | undefined> {
		await this.ready();
		return this.#keys.get(endpointId);
	}

	status(endpointId: string): KeyStatus {
		return this.#status.get(endpointId) ?? 'none';
	}

	/** Sets (or, with an empty key, removes) the key; `remember` decides whether it is stored. */
	async set(endpointId: string, key: string, remember: boolean): Promise<void> {
		await this.ready();
		const trimmed = key.trim();
		if (trimmed === '') return this.clear(endpointId);
		this.#keys.set(endpointId, trimmed);
		if (remember) await rememberKey(this.#db(), endpointId, trimmed);
		else await forgetKey(this.#db(), endpointId);
		this.#status.set(endpointId, remember ? 'remembered' : 'session');
	}

	/** Changes only where an existing key lives. */
	async setRemember(endpointId: string, remember: boolean): Promise<void> {
		const key = await this.get(endpointId);
		if (key !== undefined) await this.set(endpointId, key, remember);
	}

	async clear(endpointId: string): Promise<void> {
		await this.ready();
		this.#keys.delete(endpointId);
		this.#status.delete(endpointId);
		await forgetKey(this.#db(), endpointId);
	}

	async forgetAll(): Promise<void> {
		await this.ready();
		this.#keys.clear();
		this.#status.clear();
		await forgetAllKeys(this.#db());
	}
}

export const keyVault = new KeyVault();
