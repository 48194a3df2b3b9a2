// The prompt library as the Prompts area uses it: a filter (text, trait, domain, tag, set) with
// live results, an editor draft for creating and editing items with follow-up turns, export of
// a set in our own JSONL format, and the hand-off of the filtered items to a new study. Results
// and filter choices are live queries, so imports (even from the worker) and edits in another
// tab show up without a reload. Create it during component initialisation (live queries).
import { exportPromptSet, slugify } from '$lib/core/codecs/import';
import { nowIso } from '$lib/core/clock';
import { newId } from '$lib/core/ids';
import type { PromptItem, PromptSet } from '$lib/core/schema';
import { offerStudyItems } from '$lib/app/handoff';
import { hrefFor } from '$lib/app/routes';
import { APP_VERSION } from '$lib/app/version';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { promptFacetsQuery, promptSearchQuery, promptSetsQuery } from '$lib/db/queries.svelte';
import { deletePromptItem, deletePromptSet } from '$lib/db/repos/prompts';
import { getItem } from '$lib/db/repos/item-pages';
import {
	MY_PROMPTS_SET,
	matchingPromptIds,
	promptSetWithItems,
	saveItemWithSet,
	type PromptFilter
} from '$lib/db/repos/prompt-library';
import { ensureBuiltinSuite } from './builtin-suite';
import { downloadFile } from '$lib/app/download';
import { draftFromItem, itemFromDraft, type ItemDraft } from './item-draft';
import { SelectionSetSaver } from './selection-set.svelte';
import { standaloneSet } from '$lib/core/prompt-selection';

export const RESULTS_LIMIT = 100;
const SEARCH_DELAY_MS = 150;

export interface LibraryFilter {
	text: string;
	trait: string;
	domain: string;
	tag: string;
	setId: string;
}

export interface PromptLibraryOptions {
	db?: () => ArenaDB;
	now?: () => string;
	newId?: () => string;
	navigate?: (hash: string) => void;
	download?: (fileName: string, text: string) => void;
}

function isStorageError(error: unknown): boolean {
	return (
		error instanceof Error &&
		/^(Quota|Constraint|Abort|Database|Open|Transaction|DataClone|Version|Dexie)/.test(error.name)
	);
}

const EMPTY: LibraryFilter = { text: '', trait: '', domain: '', tag: '', setId: '' };

export class PromptLibrary {
	filter = $state<LibraryFilter>({ ...EMPTY });
	/** The item being created or edited (the editor works on its own copy). */
	draft = $state.raw<ItemDraft | undefined>(undefined);
	draftErrors = $state<string[]>([]);
	status = $state<string | undefined>(undefined);
	error = $state<string | undefined>(undefined);
	busy = $state(false);
	/** False until the first open has installed the built-in suite: the results wait for it, so
	 * a first visit reads "Loading…" rather than a count of 0 that is about to change. */
	ready = $state(false);

	/** How many of the matching items the list shows; "Show more" adds a page. */
	shown = $state(RESULTS_LIMIT);
	readonly results = promptSearchQuery(
		() => (this.ready ? this.query : undefined),
		() => this.shown
	);
	readonly facets = promptFacetsQuery();
	readonly sets = promptSetsQuery();

	readonly total = $derived(this.results.current?.total ?? 0);
	readonly filtered = $derived(Object.values(this.filter).some((value) => value !== ''));
	/** "Save selection as a set": every item the filter matches, as a new prompt set. */
	readonly selectionSet: SelectionSetSaver;

	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #db: () => ArenaDB;
	readonly #now: () => string;
	readonly #newId: () => string;
	readonly #navigate: (hash: string) => void;
	readonly #download: (fileName: string, text: string) => void;

	constructor(options: PromptLibraryOptions = {}) {
		this.#db = options.db ?? getDb;
		this.#now = options.now ?? nowIso;
		this.#newId = options.newId ?? newId;
		this.#navigate = options.navigate ?? ((hash) => (location.hash = hash));
		this.#download =
			options.download ??
			((fileName, text) => downloadFile(fileName, text, 'application/x-ndjson'));
		this.selectionSet = new SelectionSetSaver(() => matchingPromptIds(this.#db(), this.query), {
			db: this.#db,
			now: this.#now,
			newId: this.#newId
		});
	}

	/** The filter as the repository reads it (empty means "any"). */
	get query(): PromptFilter {
		const { text, trait, domain, tag, setId } = this.filter;
		return {
			...(text.trim() ? { text: text.trim() } : {}),
			...(trait ? { trait } : {}),
			...(domain ? { domain } : {}),
			...(tag ? { tag } : {}),
			...(setId ? { setId } : {})
		};
	}

	setById(id: string): PromptSet | undefined {
		return this.sets.current?.find((set) => set.id === id);
	}

	/** First open of the area: installs the built-in suite once. */
	async open(): Promise<void> {
		await this.#guard(async () => {
			const added = await ensureBuiltinSuite(this.#db());
			if (added) this.status = `Installed the built-in suite (${added} items).`;
		});
		this.ready = true;
	}

	showMore(): void {
		this.shown += RESULTS_LIMIT;
	}

	setFilter(patch: Partial<Omit<LibraryFilter, 'text'>>): void {
		this.shown = RESULTS_LIMIT;
		this.filter = { ...this.filter, ...patch };
	}

	/** Text search, applied after a short pause in typing. */
	search(text: string): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.shown = RESULTS_LIMIT;
			this.filter = { ...this.filter, text };
		}, SEARCH_DELAY_MS);
	}

	clearFilters(): void {
		clearTimeout(this.#timer);
		this.shown = RESULTS_LIMIT;
		this.filter = { ...EMPTY };
	}

	create(): void {
		const setId =
			this.filter.setId && this.setById(this.filter.setId)?.origin === 'custom'
				? this.filter.setId
				: MY_PROMPTS_SET.id;
		this.draft = draftFromItem(undefined, setId);
		this.draftErrors = [];
	}

	edit(item: PromptItem): void {
		this.draft = draftFromItem(item, item.setId);
		this.draftErrors = [];
	}

	cancelEdit(): void {
		this.draft = undefined;
		this.draftErrors = [];
	}

	/** Validates and saves the editor's draft; on errors keeps the editor open with them. */
	async saveDraft(draft: ItemDraft): Promise<boolean> {
		const db = this.#db();
		const existing = draft.id ? await getItem(db, draft.id) : undefined;
		const result = itemFromDraft(draft, {
			now: this.#now(),
			newId: this.#newId,
			existing
		});
		if (!result.item) {
			this.draftErrors = result.errors;
			return false;
		}
		const item = result.item;
		const saved = await this.#guard(async () => {
			const mine = item.setId === MY_PROMPTS_SET.id;
			await saveItemWithSet(
				db,
				item,
				mine ? { ...MY_PROMPTS_SET, createdAt: this.#now() } : undefined
			);
			this.status = existing ? 'Item saved.' : 'Item added to “My prompts”.';
		});
		if (saved) this.cancelEdit();
		return saved;
	}

	async remove(item: PromptItem): Promise<void> {
		await this.#guard(async () => {
			await deletePromptItem(this.#db(), item.id);
			this.status = 'Item deleted.';
		});
	}

	async removeSet(setId: string): Promise<void> {
		await this.#guard(async () => {
			await deletePromptSet(this.#db(), setId);
			this.filter = { ...this.filter, setId: '' };
			this.status = 'Prompt set deleted.';
		});
	}

	/** Downloads the selected set as JSONL in Trait Arena's own prompt-set format. */
	async exportSet(): Promise<void> {
		const setId = this.filter.setId;
		if (!setId) return;
		await this.#guard(async () => {
			const found = await promptSetWithItems(this.#db(), setId);
			if (!found) throw new Error('That prompt set no longer exists.');
			const file = standaloneSet(found.set, found.items);
			const text = exportPromptSet(file.set, file.items, {
				app: APP_VERSION,
				exportedAt: this.#now()
			});
			this.#download(`${slugify(found.set.name) || 'prompt-set'}.prompts.jsonl`, text);
			this.status = `Exported ${found.items.length} items.`;
		});
	}

	/** Hands every item matching the filter to a new study and opens the study form. */
	async startStudy(): Promise<void> {
		await this.#guard(async () => {
			const ids = await matchingPromptIds(this.#db(), this.query);
			if (ids.length === 0) throw new Error('No items match the filter.');
			offerStudyItems(ids);
			this.#navigate(hrefFor('studies', 'new'));
		});
	}

	async #guard(work: () => Promise<void>): Promise<boolean> {
		this.busy = true;
		this.error = undefined;
		try {
			await work();
			return true;
		} catch (error) {
			this.error = isStorageError(error)
				? describeStorageError(error)
				: error instanceof Error
					? error.message
					: String(error);
			return false;
		} finally {
			this.busy = false;
		}
	}
}
