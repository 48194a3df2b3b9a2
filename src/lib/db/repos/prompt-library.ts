// Reads and writes behind the prompt library and the importer. Items live in pages (see
// item-pages.ts): a filter narrows to the pages whose index fields can match, then tests the
// items themselves, reading a few pages per request so the page keeps painting.
import {
	PromptItemSchema,
	PromptSetSchema,
	type PromptItem,
	type PromptSet
} from '$lib/core/schema';
import { matchesTags, type TagMode } from '$lib/core/plan/recipes';
import { belongsTo } from '$lib/core/prompt-selection';
import type { ArenaDB } from '../arena-db';
import {
	countItems,
	itemsOfSet,
	pagesOfSet,
	presentItems,
	putItems,
	visitPages,
	forEachItem,
	byId,
	type ItemPage
} from './item-pages';

/** Which of these content hashes any set in the library already holds. */
export async function knownContentHashes(
	db: ArenaDB,
	hashes: readonly string[]
): Promise<Set<string>> {
	const known = new Set<string>();
	if (hashes.length === 0) return known;
	const wanted = new Set(hashes);
	await forEachItem(db, (item) => {
		if (wanted.has(item.contentHash)) known.add(item.contentHash);
	});
	return known;
}

export interface PromptFilter {
	text?: string;
	trait?: string;
	domain?: string;
	tag?: string;
	/** Several tags, combined by `tagMode` (any: OR, the default; all: AND). */
	tags?: readonly string[];
	tagMode?: TagMode;
	setId?: string;
}

export interface PromptPage {
	items: PromptItem[];
	total: number;
}

/** The items a set lists as members besides its own (none for an unknown set or no set). */
async function membersOf(db: ArenaDB, setId: string | undefined): Promise<ReadonlySet<string>> {
	if (!setId) return new Set();
	return new Set((await db.promptSets.get(setId))?.memberIds ?? []);
}

/** Ids of the pages that can hold a match, from the most selective index the filter names. */
async function candidatePages(
	db: ArenaDB,
	filter: PromptFilter,
	members: ReadonlySet<string>
): Promise<string[]> {
	if (filter.setId) return pagesOfSet(db, filter.setId, members);
	const pages = db.promptPages;
	const query = filter.tag
		? pages.where('tags').equals(filter.tag)
		: filter.tags?.length
			? pages
					.where('tags')
					.anyOf([...filter.tags])
					.distinct()
			: filter.trait
				? pages.where('traits').equals(filter.trait)
				: filter.domain
					? pages.where('domains').equals(filter.domain)
					: pages.toCollection();
	return (await query.primaryKeys()) as string[];
}

function searchable(item: PromptItem): string {
	return [item.system ?? '', ...item.turns, item.raterNote ?? '', item.source.key ?? '']
		.join('\n')
		.toLowerCase();
}

/** All criteria as one test, or undefined when the filter names none. */
function predicate(
	filter: PromptFilter,
	members: ReadonlySet<string> = new Set()
): ((item: PromptItem) => boolean) | undefined {
	const tokens = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const tags = filter.tags ?? [];
	if (
		!tokens.length &&
		!filter.setId &&
		!filter.tag &&
		!tags.length &&
		!filter.trait &&
		!filter.domain
	)
		return undefined;
	return (item) =>
		(!filter.setId || belongsTo(item, filter.setId, members)) &&
		(!filter.tag || item.tags.includes(filter.tag)) &&
		matchesTags(item.tags, tags, filter.tagMode ?? 'any') &&
		(!filter.trait || item.traits.includes(filter.trait)) &&
		(!filter.domain || item.domain === filter.domain) &&
		(tokens.length === 0 || tokens.every((token) => searchable(item).includes(token)));
}

async function visitMatches(
	db: ArenaDB,
	filter: PromptFilter,
	visit: (item: PromptItem) => void
): Promise<void> {
	const members = await membersOf(db, filter.setId);
	const test = predicate(filter, members) ?? (() => true);
	await visitPages(db, await candidatePages(db, filter, members), (page: ItemPage) => {
		for (const item of page.items) if (test(item)) visit(item);
	});
}

/** The first `limit` items matching the filter, and how many match in all. */
export async function searchPromptItems(
	db: ArenaDB,
	filter: PromptFilter,
	limit = 100
): Promise<PromptPage> {
	const items: PromptItem[] = [];
	if (!predicate(filter)) {
		// Nothing to test: the count comes from the id index, and only the first pages are read.
		const total = await countItems(db);
		if (limit > 0)
			await visitPages(db, await candidatePages(db, filter, new Set()), (page) => {
				items.push(...page.items.slice(0, limit - items.length));
				return items.length < limit;
			});
		return { items, total };
	}
	let total = 0;
	await visitMatches(db, filter, (item) => {
		total++;
		if (items.length < limit) items.push(item);
	});
	return { items, total };
}

/** Ids of every item matching the filter (for "start a study with these items"). */
export async function matchingPromptIds(db: ArenaDB, filter: PromptFilter): Promise<string[]> {
	const ids: string[] = [];
	await visitMatches(db, filter, (item) => ids.push(item.id));
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
		db.promptPages.orderBy('traits').uniqueKeys(),
		db.promptPages.orderBy('domains').uniqueKeys(),
		db.promptPages.orderBy('tags').uniqueKeys()
	]);
	return { traits: traits.map(String), domains: domains.map(String), tags: tags.map(String) };
}

export async function promptSetWithItems(
	db: ArenaDB,
	setId: string
): Promise<{ set: PromptSet; items: PromptItem[] } | undefined> {
	return db.transaction('r', db.promptSets, db.promptPages, async () => {
		const set = await db.promptSets.get(setId);
		if (!set) return undefined;
		const own = await itemsOfSet(db, setId);
		const members = await presentItems(db, set.memberIds ?? []);
		const ownIds = new Set(own.map((item) => item.id));
		const items = [...own, ...members.filter((item) => !ownIds.has(item.id))].sort(byId);
		return { set, items };
	});
}

export async function countPromptItems(db: ArenaDB): Promise<{ sets: number; items: number }> {
	const [sets, items] = await Promise.all([db.promptSets.count(), countItems(db)]);
	return { sets, items };
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
	await db.transaction('rw', db.promptSets, db.promptPages, async () => {
		if (setIfMissing && !(await db.promptSets.get(setIfMissing.id)))
			await db.promptSets.add(PromptSetSchema.parse(setIfMissing));
		await putItems(db, [parsed]);
	});
}
