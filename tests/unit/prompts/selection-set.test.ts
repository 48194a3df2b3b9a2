// "Save selection as a set" as the study editor uses it, against fake-indexeddb: the selection
// after deselections becomes the new set, a new study can pick that set and gets exactly those
// items, and a bad name or an empty selection is refused with a message.
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import { sequentialIds } from '$lib/core/ids';
import { seededRandom } from '$lib/core/random/prng';
import type { ArenaDB } from '$lib/db/arena-db';
import { saveEndpoint } from '$lib/db/repos/endpoints';
import { addPromptSet } from '$lib/db/repos/prompts';
import { SelectionSetSaver } from '$lib/prompts/selection-set.svelte';
import { StudyEditor } from '$lib/studies/study-editor.svelte';
import { T0, makeEndpoint, makeItem, makePromptSet } from '../factories';
import { testDb } from '../db/test-db';

let db: ArenaDB;
const baseline = makeEndpoint({ id: 'ep-base', label: 'Base', role: 'baseline' });
const trained = makeEndpoint({ id: 'ep-tuned', label: 'Tuned', role: 'trained' });

beforeEach(async () => {
	db = testDb();
	for (const endpoint of [baseline, trained]) await saveEndpoint(db, endpoint);
	const tagsOf = ['harmful-steer', 'helpful-steer', 'pressure', 'harmful-steer', 'other'];
	await addPromptSet(
		db,
		makePromptSet({ id: 'suite', name: 'Suite' }),
		tagsOf.map((tag, n) =>
			makeItem({ id: `s${n}`, setId: 'suite', turns: [`Item ${n}?`], tags: [tag] })
		)
	);
});

function editor() {
	return new StudyEditor({
		db: () => db,
		clock: fixedClock(T0),
		newId: sequentialIds('new'),
		random: seededRandom('selection-test'),
		navigate: () => {}
	});
}

describe('saving the study editor’s selection as a set', () => {
	it('stores the filtered items less the deselected one, for a new study to pick', async () => {
		const form = editor();
		await form.toggleTag('harmful-steer');
		await form.toggleTag('pressure');
		expect(form.selectedCount).toBe(3);
		form.toggleItem('s2');
		form.selectionSet.name = '  Harmful arm ';
		const set = await form.selectionSet.save();

		expect(form.selectionSet.error).toBeUndefined();
		expect(form.selectionSet.status).toBe('Saved the prompt set “Harmful arm” with 2 items.');
		expect(form.selectionSet.name).toBe('');
		expect(set?.name).toBe('Harmful arm');
		const setId = set?.id ?? 'not saved';
		expect([...(set?.memberIds ?? [])].sort()).toEqual(['s0', 's3']);
		expect((await db.promptSets.get(setId))?.memberIds?.slice().sort()).toEqual(['s0', 's3']);

		const study = editor();
		study.name = 'From the saved set';
		study.toggleEndpoint(baseline);
		study.toggleEndpoint(trained);
		await study.setFilter('setId', setId);
		expect(study.selectedCount).toBe(2);
		await study.create();
		const [stored] = await db.studies.toArray();
		expect(stored?.itemIds.slice().sort()).toEqual(['s0', 's3']);
	});

	it('refuses a name an existing set has, naming it, and stores nothing', async () => {
		const form = editor();
		await form.refreshMatches();
		form.selectionSet.name = 'SUITE';
		expect(await form.selectionSet.save()).toBeUndefined();
		expect(form.selectionSet.error).toBe(
			'A prompt set named “Suite” already exists: choose another name.'
		);
		expect(await db.promptSets.count()).toBe(1);
	});

	it('refuses a blank name before reading the selection', async () => {
		let read = false;
		const saver = new SelectionSetSaver(
			async () => {
				read = true;
				return ['s0'];
			},
			{ db: () => db }
		);
		saver.name = '   ';
		expect(await saver.save()).toBeUndefined();
		expect(saver.error).toBe('Give the new set a name.');
		expect(read).toBe(false);
	});

	it('refuses an empty selection', async () => {
		const form = editor();
		await form.toggleTag('other');
		form.toggleItem('s4');
		expect(form.selectedCount).toBe(0);
		form.selectionSet.name = 'Nothing';
		expect(await form.selectionSet.save()).toBeUndefined();
		expect(form.selectionSet.error).toBe('No prompt items are selected: there is nothing to save.');
		expect(await db.promptSets.count()).toBe(1);
	});
});
