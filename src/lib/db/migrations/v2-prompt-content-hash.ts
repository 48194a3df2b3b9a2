// Version 1 stored prompt items without a content hash; version 2 needs one on every item to
// find duplicates on import, so the upgrade computes it from the item's own text.
import type { Transaction } from 'dexie';
import { promptContentHash } from '$lib/core/content-hash';

interface V1PromptItem {
	system?: string;
	turns: string[];
	contentHash?: string;
}

export async function upgradeV2PromptContentHash(transaction: Transaction): Promise<void> {
	await transaction
		.table('promptItems')
		.toCollection()
		.modify((item: V1PromptItem) => {
			if (!item.contentHash) item.contentHash = promptContentHash(item);
		});
}
