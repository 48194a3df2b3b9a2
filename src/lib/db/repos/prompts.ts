// Prompt sets and their items (stored in pages: item-pages.ts). An import writes its set and all
// its items in one transaction: a failure anywhere leaves the database exactly as it was.
import {
	PromptItemSchema,
	PromptSetSchema,
	type PromptItem,
	type PromptSet
} from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import {
	addItems,
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
