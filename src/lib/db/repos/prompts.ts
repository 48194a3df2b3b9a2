// Prompt sets and items. An import writes its set and all its items in one transaction: a
// failure anywhere leaves the database exactly as it was.
import {
	PromptItemSchema,
	PromptSetSchema,
	type PromptItem,
	type PromptSet
} from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';

export interface AddSetResult {
	added: number;
	duplicates: number;
}

/** Adds a set with its items, skipping items whose content the set already holds. */
export async function addPromptSet(
	db: ArenaDB,
	set: PromptSet,
	items: readonly PromptItem[]
): Promise<AddSetResult> {
	const parsedSet = PromptSetSchema.parse(set);
	return db.transaction('rw', db.promptSets, db.promptItems, async () => {
		await db.promptSets.put(parsedSet);
		const existing = new Set(
			(await db.promptItems.where('setId').equals(parsedSet.id).toArray()).map(
				(item) => item.contentHash
			)
		);
		const fresh: PromptItem[] = [];
		for (const item of items) {
			if (existing.has(item.contentHash)) continue;
			existing.add(item.contentHash);
			fresh.push(item);
		}
		await db.promptItems.bulkAdd(fresh);
		return { added: fresh.length, duplicates: items.length - fresh.length };
	});
}

export async function savePromptItem(db: ArenaDB, item: PromptItem): Promise<PromptItem> {
	const parsed = PromptItemSchema.parse(item);
	await db.promptItems.put(parsed);
	return parsed;
}

export async function deletePromptItem(db: ArenaDB, id: string): Promise<void> {
	await db.promptItems.delete(id);
}

export async function deletePromptSet(db: ArenaDB, setId: string): Promise<void> {
	await db.transaction('rw', db.promptSets, db.promptItems, async () => {
		await db.promptItems.where('setId').equals(setId).delete();
		await db.promptSets.delete(setId);
	});
}

export function itemsOfSet(db: ArenaDB, setId: string): Promise<PromptItem[]> {
	return db.promptItems.where('setId').equals(setId).toArray();
}
