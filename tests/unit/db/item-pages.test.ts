// Prompt items live in pages of ITEMS_PER_PAGE. Whatever the layout, the library must behave as
// if each item were its own row: found by id (few ids through the index, many by reading every
// page), added without ever splitting a set's pages wrongly, replaced and moved between sets,
// deleted without leaving empty pages, and refused — writing nothing — when an id is taken.
import { beforeEach, describe, expect, it } from 'vitest';
import type { PromptItem } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import {
	addItems,
	countItems,
	deleteItem,
	forEachItem,
	getItem,
	getItems,
	ItemIdConflictError,
	ITEMS_PER_PAGE,
	itemsOfSet,
	putItems
} from '$lib/db/repos/item-pages';
import { makeItem } from '../factories';
import { testDb } from './test-db';

let db: ArenaDB;
beforeEach(() => {
	db = testDb();
});

function itemsOf(setId: string, count: number, from = 0): PromptItem[] {
	return Array.from({ length: count }, (_, index) =>
		makeItem({
			id: `${setId}:${String(from + index).padStart(5, '0')}`,
			setId,
			turns: [`Prompt ${from + index} of ${setId}`],
			contentHash: `${setId}-${from + index}`
		})
	);
}

async function pageShape() {
	return (await db.promptPages.orderBy('id').toArray()).map((page) => [page.id, page.items.length]);
}

describe('prompt item pages', () => {
	it('fills a set’s last page before starting new ones, across separate adds', async () => {
		await addItems(db, itemsOf('a', ITEMS_PER_PAGE - 10));
		await addItems(db, itemsOf('a', 30, ITEMS_PER_PAGE - 10));
		await addItems(db, itemsOf('b', 2));
		expect(await pageShape()).toEqual([
			['a#000001', ITEMS_PER_PAGE],
			['a#000002', 20],
			['b#000001', 2]
		]);
		expect(await countItems(db)).toBe(ITEMS_PER_PAGE + 20 + 2);
		expect((await itemsOfSet(db, 'a')).map((item) => item.id)).toEqual(
			itemsOf('a', ITEMS_PER_PAGE + 20).map((item) => item.id)
		);
	});

	it('finds items by id in the order asked, through the index and by scanning alike', async () => {
		const all = [...itemsOf('a', 1200), ...itemsOf('b', 300)];
		await addItems(db, all);
		const few = ['b:00007', 'nope', 'a:01100'];
		expect((await getItems(db, few)).map((item) => item?.id)).toEqual([
			'b:00007',
			undefined,
			'a:01100'
		]);
		// More ids than the index lookup takes: every page is read instead.
		const many = [...all].reverse().map((item) => item.id);
		expect(await getItems(db, many)).toEqual([...all].reverse());
		expect(await getItem(db, 'a:00499')).toEqual(all[499]);
		expect(await getItem(db, 'nope')).toBeUndefined();
		let visited = 0;
		await forEachItem(db, () => void visited++);
		expect(visited).toBe(all.length);
	});

	it('refuses an id that is stored or given twice, writing nothing', async () => {
		await addItems(db, itemsOf('a', 3));
		const before = await pageShape();
		const taken = [...itemsOf('b', 5), makeItem({ ...itemsOf('a', 1)[0], setId: 'b' })];
		await expect(addItems(db, taken)).rejects.toThrow(ItemIdConflictError);
		await expect(addItems(db, [...itemsOf('c', 2), ...itemsOf('c', 1)])).rejects.toThrow(
			/c:00000 is already in the library/
		);
		expect(await pageShape()).toEqual(before);
	});

	it('replaces an item in place, moves it to another set, and drops emptied pages', async () => {
		const pair = itemsOf('a', 2);
		const first = makeItem(pair[0]);
		const second = makeItem(pair[1]);
		await addItems(db, [first, second, ...itemsOf('b', 1)]);
		await putItems(db, [{ ...first, turns: ['Edited'] }]);
		expect((await getItem(db, first.id))?.turns).toEqual(['Edited']);
		expect(await countItems(db)).toBe(3);

		await putItems(db, [{ ...second, setId: 'b' }]);
		expect((await itemsOfSet(db, 'a')).map((item) => item.id)).toEqual([first.id]);
		expect((await itemsOfSet(db, 'b')).map((item) => item.id)).toEqual([second.id, 'b:00000']);

		await deleteItem(db, first.id);
		await deleteItem(db, 'never-stored');
		expect(await pageShape()).toEqual([['b#000001', 2]]);
		expect(await countItems(db)).toBe(2);
	});

	it('keeps each page’s index fields exact after edits, so filters and facets stay right', async () => {
		await addItems(db, [
			makeItem({ id: 'x1', setId: 's', traits: ['fairness'], domain: 'law', tags: ['pressure'] }),
			makeItem({ id: 'x2', setId: 's', traits: ['truthfulness'], domain: 'health', tags: [] })
		]);
		await deleteItem(db, 'x1');
		const [page] = await db.promptPages.toArray();
		expect(page).toMatchObject({
			itemIds: ['x2'],
			traits: ['truthfulness'],
			domains: ['health'],
			tags: []
		});
	});
});
