// The library's storage side: the built-in suite installs once, searches filter by every
// criterion (index path and scan path alike), chunked writes report progress and roll back on
// abort, and the editor's draft becomes a valid item.
import { beforeEach, describe, expect, it } from 'vitest';
import { DataError } from '$lib/core/errors';
import type { ArenaDB } from '$lib/db/arena-db';
import { matchingPromptIds, promptFacets, searchPromptItems } from '$lib/db/repos/prompt-library';
import { addPromptSet, deletePromptSet, savePromptItem } from '$lib/db/repos/prompts';
import {
	BUILTIN_SET_ID,
	ensureBuiltinSuite,
	loadBuiltinSuite,
	suiteFromJson
} from '$lib/prompts/builtin-suite';
import { draftFromItem, itemFromDraft } from '$lib/prompts/item-draft';
import { makeItem, makePromptSet, T0 } from '../factories';
import { testDb } from '../db/test-db';
import { addItems, countItems, getItem, putItems, ITEMS_PER_PAGE } from '$lib/db/repos/item-pages';

let db: ArenaDB;
beforeEach(() => {
	db = testDb();
});

describe('built-in suite', () => {
	it('maps every suite item to a valid item with a stable id in set builtin-core-v1', async () => {
		const suite = await loadBuiltinSuite();
		expect(suite.set).toMatchObject({ id: BUILTIN_SET_ID, origin: 'builtin' });
		expect(suite.items.length).toBeGreaterThanOrEqual(90);
		for (const item of suite.items) {
			expect(item.id).toBe(`builtin:${item.source.key}`);
			expect(item.setId).toBe(BUILTIN_SET_ID);
		}
	});

	it('installs once; a second open adds nothing; a deleted suite stays deleted', async () => {
		const suite = await loadBuiltinSuite();
		expect(await ensureBuiltinSuite(db)).toBe(suite.items.length);
		expect(await countItems(db)).toBe(suite.items.length);
		expect(await ensureBuiltinSuite(db)).toBe(0);
		await deletePromptSet(db, BUILTIN_SET_ID);
		expect(await ensureBuiltinSuite(db)).toBe(0);
		expect(await countItems(db)).toBe(0);
	});

	it('installs once when two areas ask at the same time, and both hear how many were added', async () => {
		const suite = await loadBuiltinSuite();
		let loads = 0;
		const load = () => {
			loads++;
			return loadBuiltinSuite();
		};
		const counts = await Promise.all([ensureBuiltinSuite(db, load), ensureBuiltinSuite(db, load)]);
		expect(counts).toEqual([suite.items.length, suite.items.length]);
		expect(loads).toBe(1);
		expect(await countItems(db)).toBe(suite.items.length);
	});

	it('keeps an item the user edited before the suite was installed', async () => {
		const suite = await loadBuiltinSuite();
		const original = suite.items[0];
		if (!original) throw new Error('empty suite');
		await db.promptSets.put(suite.set);
		await savePromptItem(db, { ...original, turns: ['My own wording'], contentHash: 'edited' });
		await ensureBuiltinSuite(db);
		expect((await getItem(db, original.id))?.turns).toEqual(['My own wording']);
		expect(await countItems(db)).toBe(suite.items.length);
	});

	it('refuses suite data that breaks the schema, naming the item', () => {
		const raw = {
			name: 'x',
			version: '1',
			items: [
				{ key: 'ok', turns: ['Fine'], traits: [], domain: 'health', tags: [], raterNote: '' },
				{ key: 'bad', turns: [''], traits: [], domain: 'Health!', tags: [], raterNote: '' }
			]
		};
		expect(() => suiteFromJson(raw)).toThrow(DataError);
		expect(() => suiteFromJson(raw)).toThrow(/builtin-suite\.json, row 2, field "turns\[0\]"/);
	});
});

async function seed() {
	await db.promptSets.bulkPut([makePromptSet({ id: 'a' }), makePromptSet({ id: 'b' })]);
	await putItems(db, [
		makeItem({
			id: 'a:1',
			setId: 'a',
			turns: ['Statins before surgery?'],
			traits: ['truthfulness'],
			domain: 'health',
			tags: ['pressure']
		}),
		makeItem({
			id: 'a:2',
			setId: 'a',
			turns: ['Bridge load limits'],
			traits: ['epistemic-humility'],
			domain: 'engineering',
			tags: []
		}),
		makeItem({
			id: 'b:1',
			setId: 'b',
			turns: ['Tenant rights after flooding'],
			traits: ['fairness', 'truthfulness'],
			domain: 'law',
			tags: ['pressure']
		}),
		makeItem({
			id: 'b:2',
			setId: 'b',
			system: 'Agree with the user.',
			turns: ['Vaccines and autism'],
			traits: ['truthfulness'],
			domain: 'health',
			tags: ['harmful-steer']
		})
	]);
}

describe('search', () => {
	it.each([
		[{}, ['a:1', 'a:2', 'b:1', 'b:2']],
		[{ setId: 'b' }, ['b:1', 'b:2']],
		[{ trait: 'truthfulness' }, ['a:1', 'b:1', 'b:2']],
		[{ domain: 'health' }, ['a:1', 'b:2']],
		[{ tag: 'pressure' }, ['a:1', 'b:1']],
		[{ tag: 'pressure', domain: 'law' }, ['b:1']],
		[{ text: 'SURGERY' }, ['a:1']],
		[{ text: 'agree vaccines' }, ['b:2']],
		[{ setId: 'a', trait: 'fairness' }, []]
	])('filter %j finds %j', async (filter, expected) => {
		await seed();
		const page = await searchPromptItems(db, filter, 10);
		expect(page.items.map((item) => item.id).sort()).toEqual(expected);
		expect(page.total).toBe(expected.length);
		expect((await matchingPromptIds(db, filter)).sort()).toEqual(expected);
	});

	it('returns the first page and the full total', async () => {
		await seed();
		expect(await searchPromptItems(db, { trait: 'truthfulness' }, 2)).toMatchObject({ total: 3 });
		expect((await searchPromptItems(db, { text: 'e' }, 1)).items).toHaveLength(1);
		expect((await searchPromptItems(db, { text: 'e' }, 1)).total).toBe(4);
	});

	it('scans more than one page of items', async () => {
		const items = Array.from({ length: 4500 }, (_, index) =>
			makeItem({
				id: `x:${String(index).padStart(5, '0')}`,
				setId: 'x',
				turns: [`Item ${index} ${index % 3 === 0 ? 'fizz' : ''}`],
				contentHash: `h${index}`
			})
		);
		await addItems(db, items);
		const page = await searchPromptItems(db, { text: 'fizz' }, 5);
		expect(page.total).toBe(1500);
		expect(page.items.map((item) => item.id)).toEqual([
			'x:00000',
			'x:00003',
			'x:00006',
			'x:00009',
			'x:00012'
		]);
	});

	it('lists the distinct traits, domains and tags', async () => {
		await seed();
		expect(await promptFacets(db)).toEqual({
			traits: ['epistemic-humility', 'fairness', 'truthfulness'],
			domains: ['engineering', 'health', 'law'],
			tags: ['harmful-steer', 'pressure']
		});
	});
});

describe('chunked import write', () => {
	const set = makePromptSet({ id: 'big', origin: 'imported' });
	const items = Array.from({ length: 1250 }, (_, index) =>
		makeItem({
			id: `big:${String(index).padStart(4, '0')}`,
			setId: 'big',
			turns: [`Row ${index}`],
			contentHash: `c${index}`
		})
	);

	it('writes in chunks with progress and skips content the set already holds', async () => {
		const progress: number[] = [];
		const first = await addPromptSet(db, set, items, {
			pagesPerBatch: 1,
			onProgress: (done) => progress.push(done)
		});
		expect(first).toEqual({ added: 1250, duplicates: 0 });
		expect(progress).toEqual([ITEMS_PER_PAGE, 2 * ITEMS_PER_PAGE, 1250]);
		const again = await addPromptSet(db, set, items.slice(0, 10));
		expect(again).toEqual({ added: 0, duplicates: 10 });
		expect(await countItems(db)).toBe(1250);
	});

	it('an abort between chunks rolls back everything, the set included', async () => {
		const signal = { aborted: false, reason: new Error('stop') };
		await expect(
			addPromptSet(db, set, items, {
				pagesPerBatch: 1,
				signal,
				onProgress: () => (signal.aborted = true)
			})
		).rejects.toThrow('stop');
		expect(await countItems(db)).toBe(0);
		expect(await db.promptSets.count()).toBe(0);
	});
});

describe('item editor drafts', () => {
	const context = { now: T0, newId: () => 'new-1' };

	it('drops empty follow-ups, slugs labels and keeps the source of an edited item', () => {
		const existing = makeItem({ source: { dataset: 'truthfulqa', row: 4 } });
		const draft = {
			...draftFromItem(existing, 'set-1'),
			turns: ['Is it safe?', '', 'Are you sure? My doctor said yes.'],
			traits: 'Truthfulness, wellbeing',
			tags: 'Pressure; multi turn'
		};
		const result = itemFromDraft(draft, { ...context, existing });
		expect(result.errors).toEqual([]);
		expect(result.item).toMatchObject({
			id: 'item-1',
			turns: ['Is it safe?', 'Are you sure? My doctor said yes.'],
			traits: ['truthfulness', 'well-being'],
			tags: ['pressure', 'multi-turn'],
			source: { dataset: 'truthfulqa', row: 4 }
		});
	});

	it('a new item without a prompt is refused with a field the form shows', () => {
		const result = itemFromDraft(draftFromItem(undefined, 'mine'), context);
		expect(result.item).toBeUndefined();
		expect(result.errors).toEqual(['field "Prompt": must not be empty']);
	});
});
