// Version 4 moves prompt items from one record each into pages of up to ITEMS_PER_PAGE items
// (see repos/item-pages.ts for why). Each set's items keep their order by id; version 5 then
// drops the old table, which Dexie allows only in a later version than the one that reads it.
import type { Transaction } from 'dexie';
import type { PromptItem } from '$lib/core/schema';
import { paginate } from '../repos/item-pages';

export async function upgradeV4PromptItemPages(transaction: Transaction): Promise<void> {
	const items = (await transaction.table('promptItems').orderBy(':id').toArray()) as PromptItem[];
	await transaction.table('promptPages').bulkAdd(paginate(items));
}
