// Versions 4 and 5 move prompt items from one record each into pages. Data written by version 3
// must come through intact (every field of every item, each in its own set), large sets split
// into several pages, and every read and write by id, set and filter must still answer.
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '$lib/db/arena-db';
import { promptContentHash } from '$lib/core/content-hash';
import { deletePromptItem, deletePromptSet, itemsOfSet } from '$lib/db/repos/prompts';
import { promptFacets, searchPromptItems } from '$lib/db/repos/prompt-library';
import { countItems, getItems, ITEMS_PER_PAGE } from '$lib/db/repos/item-pages';
import { makeItem, makePromptSet } from '../../factories';
import { freshIndexedDb, seedOldVersion, testDb } from '../test-db';

const SIZES = { a: ITEMS_PER_PAGE * 2 + 7, b: 3 };
const items = Object.entries(SIZES).flatMap(([set, size]) =>
	Array.from({ length: size }, (_, n) => {
		const turns = [`Question ${n} of set ${set}`];
		return makeItem({
			id: `${set}-${String(n).padStart(4, '0')}`,
			setId: `set-${set}`,
			turns,
			traits: set === 'b' ? ['fairness'] : ['truthfulness'],
			tags: n === 1 ? ['pressure'] : [],
			contentHash: promptContentHash({ turns })
		});
	})
);

const seedV3 = (deps: ReturnType<typeof freshIndexedDb>, name: string) =>
	seedOldVersion(deps, name, 3, {
		promptSets: [makePromptSet({ id: 'set-a' }), makePromptSet({ id: 'set-b' })],
		promptItems: items
	});

describe('database versions 4 and 5 (prompt items in pages)', () => {
	it('moves every version-3 item into pages of its set and drops the old table', async () => {
		const deps = freshIndexedDb();
		await seedV3(deps, 'upgrade-v3');
		const db = testDb(deps, 'upgrade-v3');
		await db.open();
		expect(db.verno).toBe(DB_VERSION);
		expect(db.tables.map((table) => table.name)).not.toContain('promptItems');

		const pages = await db.promptPages.orderBy('id').toArray();
		expect(pages.map((page) => [page.setId, page.items.length])).toEqual([
			['set-a', ITEMS_PER_PAGE],
			['set-a', ITEMS_PER_PAGE],
			['set-a', 7],
			['set-b', 3]
		]);
		expect(await countItems(db)).toBe(items.length);
		const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
		expect([...(await itemsOfSet(db, 'set-a')), ...(await itemsOfSet(db, 'set-b'))]).toEqual(
			[...items].sort(byId)
		);
		expect(await getItems(db, ['b-0002', 'missing', 'a-1006'])).toEqual([
			items.find((item) => item.id === 'b-0002'),
			undefined,
			items.find((item) => item.id === 'a-1006')
		]);
		expect(await promptFacets(db)).toMatchObject({
			traits: ['fairness', 'truthfulness'],
			tags: ['pressure']
		});
		const found = await searchPromptItems(db, { setId: 'set-a', text: 'question 502' });
		expect(found.items.map((item) => item.id)).toEqual(['a-0502']);
		expect((await searchPromptItems(db, { tag: 'pressure' })).total).toBe(2);

		await deletePromptItem(db, 'a-0502');
		expect(await countItems(db)).toBe(items.length - 1);
		await deletePromptSet(db, 'set-a');
		expect(await countItems(db)).toBe(SIZES.b);
		expect((await db.promptPages.toArray()).map((page) => page.setId)).toEqual(['set-b']);
		db.close();
	});
});
