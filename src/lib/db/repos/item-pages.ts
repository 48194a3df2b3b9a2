// Prompt items are stored in pages: one record holds up to ITEMS_PER_PAGE items of one set.
// Chromium charges tens of µs per IndexedDB request whatever its size, so 100,000 items as
// 100,000 records cost 7–12 s to write before any index; as 200 pages they cost well under 1 s.
// Each page carries the ids, traits, domains and tags of its items as multi-entry indexes: an
// item is found by id through its page, and a filter narrows to the pages that can match before
// the items themselves are tested. This module is the only code that knows the layout; every
// other reader and writer goes through it.
import { Dexie } from 'dexie';
import type { PromptItem } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';

export const ITEMS_PER_PAGE = 500;
/** Pages fetched per request when scanning: about 4,000 items, one short task each. */
const PAGES_PER_READ = 8;
/**
 * Pages per bulkPut of a large add. Dexie's live-query tracking records every index key of a
 * write of fewer than 50 records (here up to 25,000 item ids per request, which every open tab
 * then has to merge: a 270 ms task for a 100,000-item import); from 50 records on it marks the
 * whole table changed instead, which costs nothing.
 */
const PAGES_PER_WRITE = 50;
/** Up to this many ids are looked up through the id index; more, and every page is read. */
const INDEXED_LOOKUP_LIMIT = 1000;

export interface ItemPage {
	/** `<setId>#<sequence>`: a set's pages sort together, in the order they were written. */
	id: string;
	setId: string;
	/** Sorted by id. */
	items: PromptItem[];
	itemIds: string[];
	traits: string[];
	domains: string[];
	tags: string[];
}

export const ITEM_PAGE_INDEXES = 'id, setId, *itemIds, *traits, *domains, *tags';

export class ItemIdConflictError extends Error {
	constructor(readonly id: string) {
		super(`Prompt item id ${id} is already in the library.`);
		this.name = 'ItemIdConflictError';
	}
}

export function byId(a: { id: string }, b: { id: string }): number {
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A page record for these items of one set, with its index fields derived from them. */
function itemPage(id: string, setId: string, items: readonly PromptItem[]): ItemPage {
	const sorted = [...items].sort(byId);
	const traits = new Set<string>();
	const domains = new Set<string>();
	const tags = new Set<string>();
	for (const item of sorted) {
		item.traits.forEach((trait) => traits.add(trait));
		if (item.domain !== undefined) domains.add(item.domain);
		item.tags.forEach((tag) => tags.add(tag));
	}
	return {
		id,
		setId,
		items: sorted,
		itemIds: sorted.map((item) => item.id),
		traits: [...traits],
		domains: [...domains],
		tags: [...tags]
	};
}

function pageId(setId: string, sequence: number): string {
	return `${setId}#${String(sequence).padStart(6, '0')}`;
}

function sequenceOf(id: string): number {
	return Number(id.slice(id.lastIndexOf('#') + 1)) || 0;
}

function groupBySet(items: readonly PromptItem[]): Map<string, PromptItem[]> {
	const bySet = new Map<string, PromptItem[]>();
	for (const item of items) {
		const list = bySet.get(item.setId);
		if (list) list.push(item);
		else bySet.set(item.setId, [item]);
	}
	return bySet;
}

/** Items grouped into full pages per set, numbered from `firstSequence` of each set. */
export function paginate(
	items: readonly PromptItem[],
	firstSequence: (setId: string) => number = () => 1
): ItemPage[] {
	const pages: ItemPage[] = [];
	for (const [setId, list] of groupBySet(items)) {
		let sequence = firstSequence(setId);
		for (let start = 0; start < list.length; start += ITEMS_PER_PAGE)
			pages.push(
				itemPage(pageId(setId, sequence++), setId, list.slice(start, start + ITEMS_PER_PAGE))
			);
	}
	return pages;
}

// ---- reads ----
// Reads chain Dexie's own promises instead of nesting native async functions: callers run them
// inside their transactions (often within a live query), and a deep chain of native awaits can
// lose Dexie's transaction zone, so the transaction commits before the caller is done.

/** Visits the pages with these ids, a few per request. Return false from `visit` to stop. */
export function visitPages(
	db: ArenaDB,
	ids: readonly string[],
	visit: (page: ItemPage) => void | boolean,
	start = 0
): Promise<void> {
	if (start >= ids.length) return Dexie.Promise.resolve();
	return db.promptPages.bulkGet(ids.slice(start, start + PAGES_PER_READ)).then((pages) => {
		for (const page of pages) if (page && visit(page) === false) return;
		return visitPages(db, ids, visit, start + PAGES_PER_READ);
	});
}

function allPageIds(db: ArenaDB): Promise<string[]> {
	return db.promptPages
		.toCollection()
		.primaryKeys()
		.then((keys) => keys as string[]);
}

/** Visits every item of the library, page by page. Return false from `visit` to stop early. */
export function forEachItem(
	db: ArenaDB,
	visit: (item: PromptItem) => void | boolean
): Promise<void> {
	return allPageIds(db).then((ids) =>
		visitPages(db, ids, (page) => page.items.every((item) => visit(item) !== false))
	);
}

/** Ids of the pages holding any of these items (few ids: the index; many: every page). */
function pagesHolding(db: ArenaDB, ids: ReadonlySet<string>): Promise<string[]> {
	if (ids.size > INDEXED_LOOKUP_LIMIT) return allPageIds(db);
	return db.promptPages
		.where('itemIds')
		.anyOf([...ids])
		.primaryKeys()
		.then((keys) => [...new Set(keys as string[])]);
}

/** Ids of the pages that hold a set's own items or any of the items it lists as members. */
export function pagesOfSet(
	db: ArenaDB,
	setId: string,
	memberIds: ReadonlySet<string>
): Promise<string[]> {
	const own = db.promptPages.where('setId').equals(setId).primaryKeys();
	if (memberIds.size === 0) return own.then((keys) => keys as string[]);
	return own.then((keys) =>
		pagesHolding(db, memberIds).then((held) => [...new Set([...(keys as string[]), ...held])])
	);
}

/** The items with these ids in the order given (undefined where the library has none), like bulkGet. */
export function getItems(db: ArenaDB, ids: readonly string[]): Promise<(PromptItem | undefined)[]> {
	if (ids.length === 0) return Dexie.Promise.resolve([]);
	const wanted = new Set(ids);
	const found = new Map<string, PromptItem>();
	return pagesHolding(db, wanted)
		.then((pageIds) =>
			visitPages(db, pageIds, (page) => {
				for (const item of page.items) if (wanted.has(item.id)) found.set(item.id, item);
			})
		)
		.then(() => ids.map((id) => found.get(id)));
}

/** The items with these ids that the library holds, in the order given. */
export function presentItems(db: ArenaDB, ids: readonly string[]): Promise<PromptItem[]> {
	return getItems(db, ids).then((items) =>
		items.filter((item): item is PromptItem => item !== undefined)
	);
}

export function getItem(db: ArenaDB, id: string): Promise<PromptItem | undefined> {
	return db.promptPages
		.where('itemIds')
		.equals(id)
		.first()
		.then((page) => page?.items.find((item) => item.id === id));
}

/** A set's items, sorted by id. */
export function itemsOfSet(db: ArenaDB, setId: string): Promise<PromptItem[]> {
	return db.promptPages
		.where('setId')
		.equals(setId)
		.toArray()
		.then((pages) => pages.flatMap((page) => page.items).sort(byId));
}

/** Which of these item ids the library already holds. */
export function existingItemIds(db: ArenaDB, ids: readonly string[]): Promise<Set<string>> {
	return getItems(db, ids).then(
		(items) => new Set(items.flatMap((item) => (item ? [item.id] : [])))
	);
}

/** How many items the library holds: one id-index entry per item. */
export function countItems(db: ArenaDB): Promise<number> {
	return db.promptPages.orderBy('itemIds').count();
}

// ---- writes (each its own transaction, or part of the caller's when it includes promptPages) ----

async function lastPageOf(db: ArenaDB, setId: string): Promise<ItemPage | undefined> {
	const ids = (await db.promptPages.where('setId').equals(setId).primaryKeys()) as string[];
	const last = ids.sort().at(-1);
	return last === undefined ? undefined : db.promptPages.get(last);
}

export interface AddItemsOptions {
	/** Called after each batch of pages is written, with items written so far. */
	onProgress?: (done: number, total: number) => void;
	/** Checked between batches; an abort rolls the whole transaction back. */
	signal?: { readonly aborted: boolean; readonly reason?: unknown };
	pagesPerBatch?: number;
}

/**
 * Appends new items to their sets' pages (the last page of a set is filled first). Fails with
 * ItemIdConflictError, writing nothing, when an id is already stored or given twice.
 */
export async function addItems(
	db: ArenaDB,
	items: readonly PromptItem[],
	options: AddItemsOptions = {}
): Promise<void> {
	if (items.length === 0) return;
	await db.transaction('rw', db.promptPages, async () => {
		const seen = new Set<string>();
		for (const item of items) {
			if (seen.has(item.id)) throw new ItemIdConflictError(item.id);
			seen.add(item.id);
		}
		const clash = [...(await existingItemIds(db, [...seen]))][0];
		if (clash !== undefined) throw new ItemIdConflictError(clash);

		const nextSequence = new Map<string, number>();
		const rest: PromptItem[] = [];
		const topUps: ItemPage[] = [];
		for (const [setId, list] of groupBySet(items)) {
			const tail = await lastPageOf(db, setId);
			nextSequence.set(setId, tail ? sequenceOf(tail.id) + 1 : 1);
			const room = tail ? ITEMS_PER_PAGE - tail.items.length : 0;
			if (tail && room > 0)
				topUps.push(itemPage(tail.id, setId, [...tail.items, ...list.slice(0, room)]));
			// A loop, not push(...list): spreading 100,000 arguments overflows the stack.
			for (const item of list.slice(Math.max(room, 0))) rest.push(item);
		}
		const pages = [...topUps, ...paginate(rest, (setId) => nextSequence.get(setId) ?? 1)];
		const batch = options.pagesPerBatch ?? PAGES_PER_WRITE;
		let done = 0;
		for (let start = 0; start < pages.length; start += batch) {
			if (options.signal?.aborted) throw options.signal.reason ?? new Error('Import cancelled');
			const slice = pages.slice(start, start + batch);
			await db.promptPages.bulkPut(slice);
			done += slice.reduce((sum, page) => sum + page.items.length, 0);
			options.onProgress?.(Math.min(done, items.length), items.length);
		}
	});
}

/** Stores items, replacing those with the same id wherever they are (an item may change set). */
export async function putItems(db: ArenaDB, items: readonly PromptItem[]): Promise<void> {
	if (items.length === 0) return;
	await db.transaction('rw', db.promptPages, async () => {
		const incoming = new Map(items.map((item) => [item.id, item]));
		const fresh = new Map(incoming);
		for (const id of await pagesHolding(db, new Set(incoming.keys()))) {
			const page = await db.promptPages.get(id);
			// With many ids, pagesHolding lists every page: leave those holding none of them alone.
			if (!page?.items.some((item) => incoming.has(item.id))) continue;
			const kept = page.items.flatMap((item) => {
				const next = incoming.get(item.id);
				if (!next) return [item];
				if (next.setId !== page.setId) return [];
				fresh.delete(item.id);
				return [next];
			});
			await writePage(db, itemPage(page.id, page.setId, kept));
		}
		if (fresh.size > 0) await addItems(db, [...fresh.values()]);
	});
}

async function writePage(db: ArenaDB, page: ItemPage): Promise<void> {
	if (page.items.length === 0) await db.promptPages.delete(page.id);
	else await db.promptPages.put(page);
}

export async function deleteItem(db: ArenaDB, id: string): Promise<void> {
	await db.transaction('rw', db.promptPages, async () => {
		const page = await db.promptPages.where('itemIds').equals(id).first();
		if (!page) return;
		await writePage(
			db,
			itemPage(
				page.id,
				page.setId,
				page.items.filter((item) => item.id !== id)
			)
		);
	});
}

export async function deleteItemsOfSet(db: ArenaDB, setId: string): Promise<void> {
	await db.promptPages.where('setId').equals(setId).delete();
}
