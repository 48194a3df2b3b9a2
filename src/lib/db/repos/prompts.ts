// Prompt sets and their items (stored in pages: item-pages.ts). An import writes its set and all
// its items in one transaction: a failure anywhere leaves the database exactly as it was.
import {
	PromptItemSchema,
	PromptSetSchema,
	type PromptItem,
	type PromptSet
} from '$lib/core/schema';
import { checkSetName } from '$lib/core/prompt-selection';
import type { ArenaDB } from '../arena-db';
import {
	addItems,
	existingItemIds,
	deleteItem,
	deleteItemsOfSet,
	itemsOfSet,
	putItems,
	type AddItemsOptions
} from './item-pages';

export { itemsOfSet };

export interface AddSetResult {
	added: number;
	duplicates: number;
}

/**
 * Adds a set with its items, skipping items whose content the set already holds. Large imports
 * pass progress and a cancel signal: pages are written in batches inside the one transaction, so
 * the page keeps painting, and a failure or cancel anywhere still rolls everything back.
 */
export async function addPromptSet(
	db: ArenaDB,
	set: PromptSet,
	items: readonly PromptItem[],
	options: AddItemsOptions = {}
): Promise<AddSetResult> {
	const parsedSet = PromptSetSchema.parse(set);
	return db.transaction('rw', db.promptSets, db.promptPages, async () => {
		await db.promptSets.put(parsedSet);
		const existing = new Set((await itemsOfSet(db, parsedSet.id)).map((item) => item.contentHash));
		const fresh: PromptItem[] = [];
		for (const item of items) {
			if (existing.has(item.contentHash)) continue;
			existing.add(item.contentHash);
			fresh.push(item);
		}
		await addItems(db, fresh, options);
		return { added: fresh.length, duplicates: items.length - fresh.length };
	});
}

export async function savePromptItem(db: ArenaDB, item: PromptItem): Promise<PromptItem> {
	const parsed = PromptItemSchema.parse(item);
	await putItems(db, [parsed]);
	return parsed;
}

export async function deletePromptItem(db: ArenaDB, id: string): Promise<void> {
	await deleteItem(db, id);
}

export async function deletePromptSet(db: ArenaDB, setId: string): Promise<void> {
	await db.transaction('rw', db.promptSets, db.promptPages, async () => {
		await deleteItemsOfSet(db, setId);
		await db.promptSets.delete(setId);
	});
}

export interface SelectionSetResult {
	set: PromptSet;
	/** Listed items the library no longer holds (deleted meanwhile, e.g. in another tab). */
	missing: number;
}

/**
 * Stores a set whose items are members listed by id: the items stay where they are, keeping every
 * other set they belong to. The name is checked against the stored sets inside the transaction,
 * so a set saved meanwhile in another tab still counts; the set is one record, written at once or
 * not at all.
 */
export async function addSelectionSet(db: ArenaDB, set: PromptSet): Promise<SelectionSetResult> {
	const parsed = PromptSetSchema.parse(set);
	const listed = parsed.memberIds ?? [];
	return db.transaction('rw', db.promptSets, db.promptPages, async () => {
		const name = checkSetName(parsed.name, await db.promptSets.toArray());
		if (!name.ok) throw new Error(name.message);
		if (await db.promptSets.get(parsed.id))
			throw new Error(`A prompt set with id ${parsed.id} already exists.`);
		const present = await existingItemIds(db, listed);
		const memberIds = listed.filter((id) => present.has(id));
		if (memberIds.length === 0)
			throw new Error('None of the selected prompt items are in the library any more.');
		const stored = { ...parsed, name: name.name, memberIds };
		await db.promptSets.add(stored);
		return { set: stored, missing: listed.length - memberIds.length };
	});
}
