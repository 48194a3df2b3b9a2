// "Save selection as a set", shared by the study editor and the prompt library: the name the user
// types, and one save() that reads the current selection (after any deselections) from the
// owner, validates the name and writes the new set as members of existing items: nothing is
// copied or imported again. Database, clock and ids are injected for tests on fake-indexeddb.
import { nowIso } from '$lib/core/clock';
import { newId } from '$lib/core/ids';
import { checkSetName, selectionSet } from '$lib/core/prompt-selection';
import type { PromptSet } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeSaveFailure, getDb } from '$lib/db/db';
import { addSelectionSet } from '$lib/db/repos/prompts';

export interface SelectionSetDeps {
	db?: () => ArenaDB;
	now?: () => string;
	newId?: () => string;
}

export class SelectionSetSaver {
	name = $state('');
	busy = $state(false);
	error = $state<string | undefined>(undefined);
	status = $state<string | undefined>(undefined);

	readonly #selection: () => Promise<readonly string[]>;
	readonly #db: () => ArenaDB;
	readonly #now: () => string;
	readonly #newId: () => string;

	/** `selection` gives the ids of the items currently selected, deselected ones left out. */
	constructor(selection: () => Promise<readonly string[]>, deps: SelectionSetDeps = {}) {
		this.#selection = selection;
		this.#db = deps.db ?? getDb;
		this.#now = deps.now ?? nowIso;
		this.#newId = deps.newId ?? newId;
	}

	/** Saves the selection under the typed name; returns the new set, or undefined with `error` set. */
	async save(): Promise<PromptSet | undefined> {
		if (this.busy) return undefined;
		this.error = undefined;
		this.status = undefined;
		const named = checkSetName(this.name, []);
		if (!named.ok) {
			this.error = named.message;
			return undefined;
		}
		this.busy = true;
		try {
			const ids = await this.#selection();
			if (ids.length === 0) {
				this.error = 'No prompt items are selected: there is nothing to save.';
				return undefined;
			}
			const { set, missing } = await addSelectionSet(
				this.#db(),
				selectionSet({
					id: this.#newId(),
					name: named.name,
					memberIds: ids,
					createdAt: this.#now()
				})
			);
			const count = set.memberIds?.length ?? 0;
			this.status =
				`Saved the prompt set “${set.name}” with ${count.toLocaleString('en')} ${count === 1 ? 'item' : 'items'}.` +
				(missing > 0 ? ` ${missing} selected items were no longer in the library.` : '');
			this.name = '';
			return set;
		} catch (cause) {
			this.error = describeSaveFailure(cause);
			return undefined;
		} finally {
			this.busy = false;
		}
	}
}
