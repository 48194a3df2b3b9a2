// Version 3 drops two prompt-item indexes. Data written by version 2 must come through intact,
// and every query by set must still answer (from the compound [setId+contentHash] index).
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { V1_STORES, V2_STORES } from '$lib/db/arena-db';
import { promptContentHash } from '$lib/core/content-hash';
import { deletePromptSet, itemsOfSet } from '$lib/db/repos/prompts';
import { searchPromptItems } from '$lib/db/repos/prompt-library';
import { makeItem, makePromptSet } from '../../factories';
import { freshIndexedDb, testDb } from '../test-db';

const items = ['a', 'b'].flatMap((set) =>
	[1, 2, 3].map((n) => {
		const turns = [`Question ${n} of set ${set}`];
		return makeItem({
			id: `${set}-${n}`,
			setId: `set-${set}`,
			turns,
			contentHash: promptContentHash({ turns })
		});
	})
);

async function seedV2(deps: ReturnType<typeof freshIndexedDb>, name: string) {
	const old = new Dexie(name, deps);
	old.version(1).stores(V1_STORES);
	old.version(2).stores(V2_STORES);
	await old.open();
	await old
		.table('promptSets')
		.bulkAdd([makePromptSet({ id: 'set-a' }), makePromptSet({ id: 'set-b' })]);
	await old.table('promptItems').bulkAdd(items);
	old.close();
}

describe('database version 3 (leaner prompt-item indexes)', () => {
	it('keeps version-2 items and still finds them by set', async () => {
		const deps = freshIndexedDb();
		await seedV2(deps, 'upgrade-v2');
		const db = testDb(deps, 'upgrade-v2');
		await db.open();
		expect(db.verno).toBe(3);
		const indexes = db.promptItems.schema.indexes.map((index) => index.name);
		expect(indexes).not.toContain('setId');
		expect(indexes).not.toContain('createdAt');

		expect(await db.promptItems.orderBy('id').toArray()).toEqual(
			[...items].sort((a, b) => a.id.localeCompare(b.id))
		);
		expect((await itemsOfSet(db, 'set-b')).map((item) => item.id).sort()).toEqual([
			'b-1',
			'b-2',
			'b-3'
		]);
		const page = await searchPromptItems(db, { setId: 'set-a', text: 'question 2' });
		expect(page.items.map((item) => item.id)).toEqual(['a-2']);
		expect(page.total).toBe(1);

		await deletePromptSet(db, 'set-a');
		expect((await db.promptItems.toArray()).map((item) => item.setId)).toEqual([
			'set-b',
			'set-b',
			'set-b'
		]);
		db.close();
	});
});
