// Every endpoint action a view can take, one method each. It joins the endpoint repository, the
// key vault (keys never pass through a view's state beyond the password field) and the provider's
// connection test. The connection result is state here so the form only renders it.
import { nowIso } from '$lib/core/clock';
import { newId } from '$lib/core/ids';
import type { Endpoint } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { deleteEndpoint, saveEndpoint } from '$lib/db/repos/endpoints';
import { keyVault, type KeyStatus, type KeyVault } from '$lib/providers/key-vault.svelte';
import { PRESETS, corsHint, pageOrigin, presetById, type Preset } from '$lib/providers/presets';
import type { ConnectionResult } from '$lib/providers/test-connection';
import { noteKeyUse } from './key-use';
import { draftFrom, emptyDraft, parseDraft, type DraftErrors, type EndpointDraft } from './draft';

export type { EndpointDraft, DraftErrors } from './draft';

export type TestState =
	{ state: 'idle' } | { state: 'testing' } | { state: 'done'; result: ConnectionResult };

export type SaveResult = { ok: true; endpoint: Endpoint } | { ok: false; errors: DraftErrors };

export class EndpointsFeature {
	/** The connection test of the form being edited. */
	test = $state.raw<TestState>({ state: 'idle' });
	/** Models the last successful test listed (for the model field's suggestions). */
	models = $state.raw<string[]>([]);
	/** The outcome of the last list-level action, for a status line. */
	notice = $state<string | undefined>(undefined);
	readonly presets: readonly Preset[] = PRESETS.filter((preset) => preset.id !== 'demo').concat(
		PRESETS.filter((preset) => preset.id === 'demo')
	);

	#db: () => ArenaDB;
	#vault: KeyVault;
	#testRun = 0;

	constructor(db: () => ArenaDB = getDb, vault: KeyVault = keyVault) {
		this.#db = db;
		this.#vault = vault;
		void vault.ready();
	}

	keyStatus(endpointId: string): KeyStatus {
		return this.#vault.status(endpointId);
	}

	preset(id: string): Preset {
		return presetById(id);
	}

	corsHint(presetId: string): string {
		return corsHint(presetId, pageOrigin());
	}

	newDraft(): EndpointDraft {
		this.resetTest();
		const preset = presetById('custom');
		return emptyDraft(preset.id, preset.baseURL);
	}

	editDraft(endpoint: Endpoint): EndpointDraft {
		this.resetTest();
		return draftFrom(endpoint, this.keyStatus(endpoint.id) === 'remembered');
	}

	/** Switching preset fills the base URL unless the user typed their own. */
	withPreset(draft: EndpointDraft, presetId: string): EndpointDraft {
		const previous = presetById(draft.preset);
		const next = presetById(presetId);
		const untouched = draft.baseURL.trim() === '' || draft.baseURL === previous.baseURL;
		return { ...draft, preset: next.id, baseURL: untouched ? next.baseURL : draft.baseURL };
	}

	resetTest(): void {
		this.#testRun++;
		this.test = { state: 'idle' };
		this.models = [];
	}

	async save(draft: EndpointDraft): Promise<SaveResult> {
		const id = draft.id ?? newId();
		const parsed = parseDraft(draft, id, nowIso());
		if (!parsed.ok) return parsed;
		try {
			const endpoint = await saveEndpoint(this.#db(), parsed.endpoint);
			if (draft.key.trim() !== '') {
				await this.#vault.set(id, draft.key, draft.remember);
				await noteKeyUse(this.#db(), id, true);
			} else await this.#vault.setRemember(id, draft.remember);
			this.notice = `Saved ${endpoint.label}.`;
			return { ok: true, endpoint };
		} catch (error) {
			return { ok: false, errors: { label: describeStorageError(error) } };
		}
	}

	/** A copy with a new id and " (copy)" label; the key is copied in memory only. */
	async duplicate(endpoint: Endpoint): Promise<void> {
		const now = nowIso();
		const copy: Endpoint = {
			...endpoint,
			id: newId(),
			label: `${endpoint.label} (copy)`.slice(0, 120),
			createdAt: now,
			updatedAt: now
		};
		await saveEndpoint(this.#db(), copy);
		const key = await this.#vault.get(endpoint.id);
		if (key) await this.#vault.set(copy.id, key, false);
		if (key) await noteKeyUse(this.#db(), copy.id, true);
		this.notice = `Duplicated ${endpoint.label}.`;
	}

	async remove(endpoint: Endpoint): Promise<void> {
		await deleteEndpoint(this.#db(), endpoint.id);
		await this.#vault.clear(endpoint.id);
		await noteKeyUse(this.#db(), endpoint.id, false);
		this.notice = `Deleted ${endpoint.label}.`;
	}

	async removeKey(endpointId: string): Promise<void> {
		await this.#vault.clear(endpointId);
		await noteKeyUse(this.#db(), endpointId, false);
		this.notice = 'Key removed.';
	}

	async forgetAllKeys(): Promise<void> {
		await this.#vault.forgetAll();
		this.notice = 'All keys forgotten, in memory and on this device.';
	}

	/** Tests the form's current settings (saved or not) and keeps the result for the form. */
	async testConnection(draft: EndpointDraft): Promise<void> {
		const run = ++this.#testRun;
		const parsed = parseDraft(
			{ ...draft, model: draft.model.trim() || '-' },
			draft.id ?? 'draft',
			nowIso()
		);
		if (!parsed.ok) {
			const [field, message] = Object.entries(parsed.errors)[0] ?? ['settings', 'are incomplete'];
			this.test = {
				state: 'done',
				result: { ok: false, message: `Fix the ${field} field first: ${message}.`, models: [] }
			};
			return;
		}
		this.test = { state: 'testing' };
		const key = draft.key.trim() || (draft.id ? await this.#vault.get(draft.id) : undefined);
		const endpoint = { ...parsed.endpoint, model: draft.model.trim() };
		const result =
			endpoint.preset === 'demo'
				? {
						ok: true,
						message: 'The demo endpoint runs inside this page: nothing to connect to.',
						models: []
					}
				: await (await import('$lib/providers/test-connection')).testConnection(endpoint, key);
		if (run !== this.#testRun) return;
		this.test = { state: 'done', result };
		if (result.models.length > 0) this.models = result.models;
	}
}
