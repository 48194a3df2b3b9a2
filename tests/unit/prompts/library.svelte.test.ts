// PromptLibrary's user actions against fake-indexeddb: creating and editing items (with
// follow-up turns), exporting a set in our JSONL format, and handing the filtered items to a new
// study. Created inside $effect.root because the library owns live queries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROMPT_SET_FORMAT } from '$lib/core/codecs/import';
import { takeStudyItems } from '$lib/app/handoff';
import type { ArenaDB } from '$lib/db/arena-db';
import { setDb } from '$lib/db/db';
import { addPromptSet } from '$lib/db/repos/prompts';
import { MY_PROMPTS_SET } from '$lib/db/repos/prompt-library';
import { PromptLibrary } from '$lib/prompts/library.svelte';
import { makeItem, makePromptSet, T0 } from '../factories';
import { testDb } from '../db/test-db';
import { getItem } from '$lib/db/repos/item-pages';

class MemoryStorage {
	#map = new Map<string, string>();
	getItem = (key: string) => this.#map.get(key) ?? null;
	setItem = (key: string, value: string) => void this.#map.set(key, value);
	removeItem = (key: string) => void this.#map.delete(key);
}

let db: ArenaDB;
let library: PromptLibrary;
let cleanup: () => void;
const navigated: string[] = [];
const downloads: { name: string; text: string }[] = [];

beforeEach(async () => {
	db = testDb();
	setDb(db);
	Object.assign(globalThis, { sessionStorage: new MemoryStorage() });
	navigated.length = 0;
	downloads.length = 0;
	let counter = 0;
	const make = () =>
		new PromptLibrary({
			db: () => db,
			now: () => T0,
			newId: () => `new-${++counter}`,
			navigate: (hash) => navigated.push(hash),
			download: (name, text) => downloads.push({ name, text })
		});
	let made: PromptLibrary | undefined;
	cleanup = $effect.root(() => {
		made = make();
	});
	// Vitest compiles runes for the server (no effects run there), so the root may not have run.
	library = made ?? make();
	await addPromptSet(db, makePromptSet({ id: 'set-1', name: 'Pilot prompts' }), [
		makeItem({ id: 'p-1', setId: 'set-1', domain: 'health' }),
		makeItem({
			id: 'p-2',
			setId: 'set-1',
			turns: ['Is this contract clause enforceable?'],
			domain: 'law'
		})
	]);
});

afterEach(() => cleanup());

describe('PromptLibrary', () => {
	it('creates an item with follow-up turns in "My prompts", creating that set', async () => {
		library.create();
		const draft = library.draft;
		if (!draft) throw new Error('no draft');
		const saved = await library.saveDraft({
			...draft,
			turns: ['My GP says antibiotics cure flu. Right?', 'But my GP is a doctor and you are not.'],
			traits: 'truthfulness',
			tags: 'pressure'
		});
		expect(saved).toBe(true);
		expect(library.draft).toBeUndefined();
		const item = await getItem(db, 'new-1');
		expect(item).toMatchObject({
			setId: MY_PROMPTS_SET.id,
			turns: ['My GP says antibiotics cure flu. Right?', 'But my GP is a doctor and you are not.'],
			source: { dataset: 'hand-made' }
		});
		expect(await db.promptSets.get(MY_PROMPTS_SET.id)).toMatchObject({
			name: 'My prompts',
			origin: 'custom'
		});
	});

	it('edits an existing item in place and reports form errors without saving', async () => {
		const item = await getItem(db, 'p-2');
		if (!item) throw new Error('missing');
		library.edit(item);
		const draft = library.draft;
		if (!draft) throw new Error('no draft');
		expect(await library.saveDraft({ ...draft, turns: ['  '] })).toBe(false);
		expect(library.draftErrors).toEqual(['field "Prompt": must not be empty']);
		expect(await library.saveDraft({ ...draft, turns: [...draft.turns, 'Are you certain?'] })).toBe(
			true
		);
		const edited = await getItem(db, 'p-2');
		expect(edited?.turns).toEqual(['Is this contract clause enforceable?', 'Are you certain?']);
		expect(edited?.createdAt).toBe(item.createdAt);
		expect(edited?.contentHash).not.toBe(item.contentHash);
	});

	it('exports the selected set as our JSONL format', async () => {
		library.setFilter({ setId: 'set-1' });
		await library.exportSet();
		expect(downloads).toHaveLength(1);
		expect(downloads[0]?.name).toBe('pilot-prompts.prompts.jsonl');
		const lines = (downloads[0]?.text ?? '').trimEnd().split('\n');
		expect(JSON.parse(lines[0] ?? '')).toMatchObject({
			format: PROMPT_SET_FORMAT,
			set: { id: 'set-1' }
		});
		expect(lines).toHaveLength(3);
	});

	it('starts a study with exactly the filtered items', async () => {
		library.setFilter({ domain: 'law' });
		await library.startStudy();
		expect(navigated).toEqual(['#/studies/new']);
		expect(takeStudyItems()).toEqual(['p-2']);
	});

	it('says so when no item matches instead of opening an empty study', async () => {
		library.setFilter({ domain: 'science' });
		await library.startStudy();
		expect(navigated).toEqual([]);
		expect(library.error).toBe('No items match the filter.');
	});
});
