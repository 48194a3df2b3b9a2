// Sets saved from a selection, against a real (fake-indexeddb) database: they list existing items
// as members without copying them, filters by set find those members, and a refused or failed
// save leaves the library exactly as it was.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { selectionSet } from '$lib/core/prompt-selection';
import type { PromptItem } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { countItems } from '$lib/db/repos/item-pages';
import {
	matchingPromptIds,
	promptSetWithItems,
	searchPromptItems
} from '$lib/db/repos/prompt-library';
import {
	addPromptSet,
	addSelectionSet,
	deletePromptItem,
	deletePromptSet
} from '$lib/db/repos/prompts';
import { T0, makeItem, makePromptSet } from '../factories';
import { testDb } from './test-db';

let db: ArenaDB;

function items(
	setId: string,
	count: number,
	tags: (n: number) => string[] = () => []
): PromptItem[] {
	return Array.from({ length: count }, (_, n) =>
		makeItem({
			id: `${setId}-${String(n).padStart(5, '0')}`,
			setId,
			turns: [`${setId} ${n}?`],
			tags: tags(n)
		})
	);
}

const picked = (name: string, memberIds: string[], id = name.toLowerCase().replace(/\W+/g, '-')) =>
	selectionSet({ id, name, memberIds, createdAt: T0 });

async function setIds(): Promise<string[]> {
	return (await db.promptSets.toArray()).map((set) => set.id).sort();
}

beforeEach(async () => {
	db = testDb();
	await addPromptSet(
		db,
		makePromptSet({ id: 'suite', name: 'Suite' }),
		items('suite', 6, (n) => (n % 2 ? ['pressure'] : []))
	);
	await addPromptSet(db, makePromptSet({ id: 'extra', name: 'Extra' }), items('extra', 3));
});

describe('addSelectionSet', () => {
	it('makes the selected items members of a new set without copying them', async () => {
		const members = ['suite-00001', 'suite-00003', 'extra-00002'];
		const { set, missing } = await addSelectionSet(db, picked('Steer arms', members));
		expect(missing).toBe(0);
		expect(set.memberIds).toEqual(members);
		expect(await countItems(db)).toBe(9);
		expect((await matchingPromptIds(db, { setId: set.id })).sort()).toEqual([...members].sort());
		const page = await searchPromptItems(db, { setId: set.id, tags: ['pressure'] });
		expect(page.total).toBe(2);
		expect(page.items.map((item) => item.setId).sort()).toEqual(['suite', 'suite']);
	});

	it('leaves the items in their own sets and in every other set that lists them', async () => {
		await addSelectionSet(db, picked('First pick', ['suite-00000', 'suite-00001']));
		await addSelectionSet(db, picked('Second pick', ['suite-00001', 'extra-00000']));
		expect((await matchingPromptIds(db, { setId: 'first-pick' })).sort()).toEqual([
			'suite-00000',
			'suite-00001'
		]);
		expect((await matchingPromptIds(db, { setId: 'second-pick' })).sort()).toEqual([
			'extra-00000',
			'suite-00001'
		]);
		expect((await searchPromptItems(db, { setId: 'suite' })).total).toBe(6);
		expect((await searchPromptItems(db, { setId: 'extra' })).total).toBe(3);
	});

	it('refuses a name another set has, naming it, and writes nothing', async () => {
		await expect(addSelectionSet(db, picked('  suite ', ['extra-00000'], 'new'))).rejects.toThrow(
			'A prompt set named “Suite” already exists'
		);
		expect(await setIds()).toEqual(['extra', 'suite']);
	});

	it('refuses a selection none of whose items is in the library any more', async () => {
		await deletePromptItem(db, 'extra-00001');
		await expect(addSelectionSet(db, picked('Gone', ['extra-00001', 'nowhere']))).rejects.toThrow(
			/None of the selected prompt items/
		);
		expect(await setIds()).toEqual(['extra', 'suite']);
	});

	it('drops listed items deleted meanwhile and says how many', async () => {
		await deletePromptItem(db, 'extra-00001');
		const { set, missing } = await addSelectionSet(
			db,
			picked('Rest', ['extra-00000', 'extra-00001'])
		);
		expect(missing).toBe(1);
		expect(set.memberIds).toEqual(['extra-00000']);
	});

	it('leaves nothing behind when the write fails part-way', async () => {
		const add = db.promptSets.add.bind(db.promptSets);
		vi.spyOn(db.promptSets, 'add').mockImplementation((...args) =>
			add(...args).then(() => {
				throw new Error('disk gone');
			})
		);
		await expect(addSelectionSet(db, picked('Doomed', ['suite-00000']))).rejects.toThrow(
			'disk gone'
		);
		vi.restoreAllMocks();
		expect(await setIds()).toEqual(['extra', 'suite']);
		expect(await countItems(db)).toBe(9);
	});

	it('saves a 10,000-item selection as one record', async () => {
		await addPromptSet(db, makePromptSet({ id: 'big', name: 'Big' }), items('big', 12_000));
		const chosen = (await matchingPromptIds(db, { setId: 'big' })).slice(1_000, 11_000);
		const { set } = await addSelectionSet(db, picked('Ten thousand', chosen));
		expect(set.memberIds).toHaveLength(10_000);
		expect(await db.promptSets.count()).toBe(4);
		expect((await searchPromptItems(db, { setId: set.id }, 5)).total).toBe(10_000);
		expect(await countItems(db)).toBe(12_009);
	});
});

describe('a saved selection in the library', () => {
	it('exports with its members and is deleted without deleting them', async () => {
		const { set } = await addSelectionSet(db, picked('Pick', ['extra-00002', 'suite-00004']));
		await deletePromptItem(db, 'suite-00004');
		const found = await promptSetWithItems(db, set.id);
		expect(found?.items.map((item) => item.id)).toEqual(['extra-00002']);
		await deletePromptSet(db, set.id);
		expect(await setIds()).toEqual(['extra', 'suite']);
		expect(await countItems(db)).toBe(8);
	});
});
