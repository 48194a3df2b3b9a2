// Dexie's upgrade recipe: seed a database with the previous version's schema and rows, then open
// it with the app's version chain and check that nothing was lost and the upgrade ran.
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '$lib/db/arena-db';
import { promptContentHash } from '$lib/core/content-hash';
import { PromptItemSchema } from '$lib/core/schema';
import seed from '../../../fixtures/db/v1.json';
import { freshIndexedDb, seedOldVersion, testDb } from '../test-db';
import { presentItems } from '$lib/db/repos/item-pages';
import { knownContentHashes } from '$lib/db/repos/prompt-library';

const seedV1 = (deps: ReturnType<typeof freshIndexedDb>, name: string) =>
	seedOldVersion(deps, name, 1, seed.tables);

describe('database version 2 (prompt content hash)', () => {
	it('upgrades version-1 data without loss and fills contentHash', async () => {
		const deps = freshIndexedDb();
		await seedV1(deps, 'upgrade-me');
		const db = testDb(deps, 'upgrade-me');
		await db.open();
		expect(db.verno).toBe(DB_VERSION);

		const items = await presentItems(db, ['old-1', 'old-2']);
		expect(items.map((item) => item.id)).toEqual(['old-1', 'old-2']);
		for (const item of items) {
			const original = seed.tables.promptItems.find((row) => row.id === item.id);
			expect({ ...item, contentHash: undefined }).toEqual({ ...original, contentHash: undefined });
			expect(item.contentHash).toBe(promptContentHash(item));
			expect(PromptItemSchema.safeParse(item).success).toBe(true);
		}
		expect(await knownContentHashes(db, [items[1]?.contentHash ?? ''])).toEqual(
			new Set([items[1]?.contentHash])
		);
		expect(await db.endpoints.count()).toBe(1);
		expect(await db.judgments.get('j-old')).toEqual(seed.tables.judgments[0]);
		db.close();
	});
});
