// Reads and writes behind the prompt library and the importer. Imports of 100,000 rows must not
// freeze the page: items go in as chunked bulkAdds inside ONE transaction (each chunk awaits its
// requests, so the event loop breathes between chunks while the transaction stays open, and a
// failure or cancel anywhere still rolls everything back). Searches read items in pages of the
// primary key instead of loading the whole table at once (see paged.ts).
import { Dexie } from 'dexie';
import {
	PromptItemSchema,
	PromptSetSchema,
	type PromptItem,
	type PromptSet
} from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import type { AddSetResult } from './prompts';
import { forEachRow } from './paged';

export interface ChunkedAddOptions {
	chunkSize?: number;
	onProgress?: (done: number, total: number) => void;
	/** Checked between chunks; an abort rolls the whole transaction back. */
	signal?: { readonly aborted: boolean; readonly reason?: unknown };
}

/** Same contract as addPromptSet (set + items, duplicates in the set skipped), in chunks. */
export async function addPromptSetInChunks(
	db: ArenaDB,
	set: PromptSet,
	items: readonly PromptItem[],
	options: ChunkedAddOptions = {}
): Promise<AddSetResult> {
	const parsedSet = PromptSetSchema.parse(set);
	const size = options.chunkSize ?? 1000;
	return db.transaction('rw', db.promptSets, db.promptItems, async () => {
		await db.promptSets.put(parsedSet);
		const keys = await db.promptItems
			.where('[setId+contentHash]')
			.between([parsedSet.id, Dexie.minKey], [parsedSet.id, Dexie.maxKey])
			.keys();
		const existing = new Set(keys.map((key) => (Array.isArray(key) ? String(key[1]) : '')));
		const fresh: PromptItem[] = [];
		for (const item of items) {
			if (existing.has(item.contentHash)) continue;
			existing.add(item.contentHash);
			fresh.push(item);
		}
		for (let start = 0; start < fresh.length; start += size) {
			if (options.signal?.aborted) throw options.signal.reason ?? new Error('Import cancelled');
			await db.promptItems.bulkAdd(fresh.slice(start, start + size));
			options.onProgress?.(Math.min(start + size, fresh.length), fresh.length);
		}
		return { added: fresh.length, duplicates: items.length - fresh.length };
	});
}

/** Which of these content hashes any set in the library already holds. */
export async function knownContentHashes(
	db: ArenaDB,
	hashes: readonly string[]
): Promise<Set<string>> {
	if (hashes.length === 0) return new Set();
	const keys = await db.promptItems
		.where('contentHash')
		.anyOf([...hashes])
		.keys();
	return new Set(keys.map(String));
}

export interface PromptFilter {
	text?: string;
	trait?: string;
	domain?: string;
	tag?: string;
	setId?: string;
}

export interface PromptPage {
	items: PromptItem[];
	total: number;
}

type PromptCollection = ReturnType<ArenaDB['promptItems']['toCollection']>;
type Criterion = 'setId' | 'tag' | 'trait' | 'domain';

function narrowest(
	db: ArenaDB,
	filter: PromptFilter
): { collection: PromptCollection; used?: Criterion } {
	if (filter.setId)
		return { collection: db.promptItems.where('setId').equals(filter.setId), used: 'setId' };
	if (filter.tag)
		return { collection: db.promptItems.where('tags').equals(filter.tag), used: 'tag' };
	if (filter.trait)
		return { collection: db.promptItems.where('traits').equals(filter.trait), used: 'trait' };
	if (filter.domain)
		return { collection: db.promptItems.where('domain').equals(filter.domain), used: 'domain' };
	return { collection: db.promptItems.toCollection() };
}

function searchable(item: PromptItem): string {
	return [item.system ?? '', ...item.turns, item.raterNote ?? '', item.source.key ?? '']
		.join('\n')
		.toLowerCase();
}

/** All criteria as one test, or undefined when the index alone answers the filter. */
function predicate(
	filter: PromptFilter,
	used?: Criterion
): ((item: PromptItem) => boolean) | undefined {
	const tokens = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const rest = {
		setId: filter.setId && used !== 'setId' ? filter.setId : undefined,
		tag: filter.tag && used !== 'tag' ? filter.tag : undefined,
		trait: filter.trait && used !== 'trait' ? filter.trait : undefined,
		domain: filter.domain && used !== 'domain' ? filter.domain : undefined
	};
	if (!tokens.length && !rest.setId && !rest.tag && !rest.trait && !rest.domain) return undefined;
	return (item) =>
		(!filter.setId || item.setId === filter.setId) &&
		(!filter.tag || item.tags.includes(filter.tag)) &&
		(!filter.trait || item.traits.includes(filter.trait)) &&
		(!filter.domain || item.domain === filter.domain) &&
		(tokens.length === 0 || tokens.every((token) => searchable(item).includes(token)));
}

/** The first `limit` items matching the filter, and how many match in all. */
export async function searchPromptItems(
	db: ArenaDB,
	filter: PromptFilter,
	limit = 100
): Promise<PromptPage> {
	const { collection, used } = narrowest(db, filter);
	const test = predicate(filter, used);
	if (!test) {
		const [total, items] = await Promise.all([
			collection.count(),
			collection.clone().limit(limit).toArray()
		]);
		return { items, total };
	}
	const items: PromptItem[] = [];
	let total = 0;
	await forEachRow(db.promptItems, (item) => {
		if (!test(item)) return;
		total++;
		if (items.length < limit) items.push(item);
	});
	return { items, total };
}

/** Ids of every item matching the filter (for "start a study with these items"). */
export async function matchingPromptIds(db: ArenaDB, filter: PromptFilter): Promise<string[]> {
	const { collection, used } = narrowest(db, filter);
	const test = predicate(filter, used);
	if (!test) return (await collection.primaryKeys()).map(String);
	const ids: string[] = [];
	await forEachRow(db.promptItems, (item) => {
		if (test(item)) ids.push(item.id);
	});
	return ids;
}

export interface PromptFacets {
	traits: string[];
	domains: string[];
	tags: string[];
}

/** Distinct traits, domains and tags in the library, from the indexes alone. */
export async function promptFacets(db: ArenaDB): Promise<PromptFacets> {
	const [traits, domains, tags] = await Promise.all([
		db.promptItems.orderBy('traits').uniqueKeys(),
		db.promptItems.orderBy('domain').uniqueKeys(),
		db.promptItems.orderBy('tags').uniqueKeys()
	]);
	return { traits: traits.map(String), domains: domains.map(String), tags: tags.map(String) };
}

export async function promptSetWithItems(
	db: ArenaDB,
	setId: string
): Promise<{ set: PromptSet; items: PromptItem[] } | undefined> {
	return db.transaction('r', db.promptSets, db.promptItems, async () => {
		const set = await db.promptSets.get(setId);
		if (!set) return undefined;
		const items = await db.promptItems.where('setId').equals(setId).sortBy('id');
		return { set, items };
	});
}

export async function countPromptItems(db: ArenaDB): Promise<{ sets: number; items: number }> {
	const [sets, items] = await Promise.all([db.promptSets.count(), db.promptItems.count()]);
	return { sets, items };
}

/** Which of these item ids the library already holds. */
export async function existingItemIds(db: ArenaDB, ids: readonly string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const keys = await db.promptItems
		.where(':id')
		.anyOf([...ids])
		.primaryKeys();
	return new Set(keys.map(String));
}

export const MY_PROMPTS_SET: Omit<PromptSet, 'createdAt'> = {
	id: 'custom-my-prompts',
	name: 'My prompts',
	version: '1',
	origin: 'custom'
};

/** Saves a hand-made or edited item, creating its set first when it is the user's own set. */
export async function saveItemWithSet(
	db: ArenaDB,
	item: PromptItem,
	setIfMissing?: PromptSet
): Promise<void> {
	const parsed = PromptItemSchema.parse(item);
	await db.transaction('rw', db.promptSets, db.promptItems, async () => {
		if (setIfMissing && !(await db.promptSets.get(setIfMissing.id)))
			await db.promptSets.add(PromptSetSchema.parse(setIfMissing));
		await db.promptItems.put(parsed);
	});
}
