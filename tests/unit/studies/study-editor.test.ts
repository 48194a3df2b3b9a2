// The new-study form's logic against a real (fake-indexeddb) database: what it validates, which
// items it picks, and that create() stores the study with its full trial plan in one go.
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import { sequentialIds } from '$lib/core/ids';
import { seededRandom } from '$lib/core/random/prng';
import type { ArenaDB } from '$lib/db/arena-db';
import { addPromptSet } from '$lib/db/repos/prompts';
import { saveEndpoint } from '$lib/db/repos/endpoints';
import { StudyEditor } from '$lib/studies/study-editor.svelte';
import { T0, makeEndpoint, makeItem, makePromptSet } from '../factories';
import { testDb } from '../db/test-db';

let db: ArenaDB;
let navigated: string[];

const baseline = makeEndpoint({ id: 'ep-base', label: 'Base', role: 'baseline' });
const trained = makeEndpoint({ id: 'ep-tuned', label: 'Tuned', role: 'trained' });
const third = makeEndpoint({ id: 'ep-other', label: 'Other', role: 'other' });

beforeEach(async () => {
	db = testDb();
	navigated = [];
	for (const endpoint of [baseline, trained, third]) await saveEndpoint(db, endpoint);
	await addPromptSet(db, makePromptSet({ id: 'set-a' }), [
		makeItem({
			id: 'i1',
			setId: 'set-a',
			turns: ['One?'],
			traits: ['truthfulness'],
			domain: 'health'
		}),
		makeItem({
			id: 'i2',
			setId: 'set-a',
			turns: ['Two?'],
			traits: ['fairness'],
			domain: 'law',
			tags: ['pressure']
		}),
		makeItem({
			id: 'i3',
			setId: 'set-a',
			turns: ['Three?'],
			traits: ['truthfulness'],
			domain: 'law'
		})
	]);
	await addPromptSet(db, makePromptSet({ id: 'set-b', name: 'Other set' }), [
		makeItem({
			id: 'i4',
			setId: 'set-b',
			turns: ['Four?'],
			traits: ['truthfulness'],
			domain: 'science'
		})
	]);
});

function editor(handedOff?: string[]) {
	return new StudyEditor({
		db: () => db,
		clock: fixedClock(T0),
		newId: sequentialIds('study'),
		random: seededRandom('editor-test'),
		navigate: (hash) => navigated.push(hash),
		handedOff
	});
}

async function filled(handedOff?: string[]) {
	const form = editor(handedOff);
	form.name = '  Pilot study ';
	form.toggleEndpoint(baseline);
	form.toggleEndpoint(trained);
	await form.refreshMatches();
	return form;
}

describe('StudyEditor validation', () => {
	it('names each missing field, but only after a first attempt to create', async () => {
		const form = editor();
		expect(form.errors.name).toBe('Give the study a name.');
		expect(form.errors.endpoints).toBe('Choose at least two endpoints.');
		expect(form.problem('name')).toBeUndefined();
		expect(await form.create()).toBeUndefined();
		expect(form.problem('name')).toBe('Give the study a name.');
		expect(form.problem('baseline')).toMatch(/baseline/);
		expect(await db.studies.count()).toBe(0);
	});

	it('takes the first chosen endpoint with the baseline role as the baseline', () => {
		const form = editor();
		form.toggleEndpoint(trained);
		form.toggleEndpoint(baseline);
		expect(form.baselineId).toBe('ep-base');
		form.toggleEndpoint(baseline);
		expect(form.baselineId).toBe('');
		// The role is matched whatever its case, and a baseline left over from an endpoint no
		// longer chosen does not block it.
		form.toggleEndpoint(makeEndpoint({ id: 'ep-cap', role: ' Baseline ' }));
		expect(form.baselineId).toBe('ep-cap');
		form.baselineId = 'ep-gone';
		form.toggleEndpoint(baseline);
		expect(form.baselineId).toBe('ep-base');
		expect(form.endpointIds).toEqual(['ep-tuned', 'ep-cap', 'ep-base']);
	});

	it('rejects out-of-range repeats, seed, shares, leak terms and an empty trait list', async () => {
		const form = await filled();
		form.repeats = 0;
		form.seed = -1;
		form.attentionPercent = 60;
		form.leakTermsText = 'GPT-4o, x';
		form.traitQuestions = 'listed';
		expect(Object.keys(form.errors).sort()).toEqual([
			'attention',
			'leakTerms',
			'repeats',
			'seed',
			'traits'
		]);
		expect(form.errors.leakTerms).toContain('“x”');
	});
});

describe('StudyEditor item selection', () => {
	it('counts the items matching the set, trait, domain and tag filters', async () => {
		const form = await filled();
		expect(form.selectedCount).toBe(4);
		await form.setFilter('trait', 'truthfulness');
		expect(form.selectedCount).toBe(3);
		await form.setFilter('domain', 'law');
		expect(form.selectedCount).toBe(1);
		await form.setFilter('domain', '');
		await form.setFilter('setId', 'set-b');
		expect(form.selectedCount).toBe(1);
		await form.setFilter('tag', 'pressure');
		expect(form.selectedCount).toBe(0);
		expect(form.errors.items).toBe('No prompt items are selected.');
	});

	it('lists the selected items for review; one unticked is left out of the study', async () => {
		const form = await filled();
		expect(form.shownItems.map((item) => item.id).sort()).toEqual(['i1', 'i2', 'i3', 'i4']);
		form.toggleItem('i2');
		expect(form.selectedCount).toBe(3);
		form.toggleItem('i3');
		form.toggleItem('i3');
		expect(form.excluded).toEqual(['i2']);
		await form.create();
		const [study] = await db.studies.toArray();
		expect(study?.itemIds.slice().sort()).toEqual(['i1', 'i3', 'i4']);
	});

	it('starts a new selection with nothing left out', async () => {
		const form = await filled();
		form.toggleItem('i1');
		await form.setFilter('trait', 'truthfulness');
		expect(form.excluded).toEqual([]);
		expect(form.selectedCount).toBe(3);
		expect(form.shownItems.map((item) => item.id).sort()).toEqual(['i1', 'i3', 'i4']);
	});

	it('lists handed-over items for review too', async () => {
		const form = await filled(['i2', 'i4']);
		expect(form.shownItems.map((item) => item.id)).toEqual(['i2', 'i4']);
		form.toggleItem('i4');
		expect(form.selectedCount).toBe(1);
	});

	it('uses items handed over from the prompt library until asked to use filters', async () => {
		const form = await filled(['i2', 'i4']);
		expect(form.selectedCount).toBe(2);
		await form.create();
		const [study] = await db.studies.toArray();
		expect(study?.itemIds).toEqual(['i2', 'i4']);

		const other = await filled(['i2']);
		await other.useFilters();
		expect(other.selectedCount).toBe(4);
	});
});

describe('StudyEditor.create', () => {
	it('stores the study with its rubric, controls and full trial plan, then opens it', async () => {
		const form = await filled();
		await form.setFilter('trait', 'truthfulness');
		form.repeats = 2;
		form.traitQuestions = 'listed';
		form.toggleTrait('truthfulness');
		form.toggleFlag('harmful');
		form.rationale = 'required';
		form.instructions = 'Judge calmly.';
		form.swapPercent = 50;
		form.leakTermsText = 'GPT-4o\nAcme Labs, GPT-4o';
		form.seed = 1234;
		expect(form.trialCount).toBe(3 * 2 + 3);

		const id = await form.create();
		expect(id).toBe('study-1');
		expect(navigated).toEqual(['#/studies/study-1']);
		const study = await db.studies.get('study-1');
		expect(study).toMatchObject({
			name: 'Pilot study',
			endpointIds: ['ep-base', 'ep-tuned'],
			baselineEndpointId: 'ep-base',
			pairing: 'each-vs-baseline',
			itemIds: ['i1', 'i3', 'i4'],
			repeats: 2,
			seed: 1234,
			rubric: {
				traitQuestions: 'listed',
				traits: ['truthfulness'],
				flags: ['refusal', 'factual-error', 'sycophantic', 'evasive'],
				rationale: 'required'
			},
			instructions: 'Judge calmly.',
			quality: { attentionShare: 0, swapShare: 0.5, leakTerms: ['GPT-4o', 'Acme Labs'] },
			kind: 'study',
			createdAt: T0
		});
		const trials = await db.trials.where('studyId').equals('study-1').toArray();
		expect(trials).toHaveLength(9);
		expect(trials.filter((trial) => trial.kind === 'swap')).toHaveLength(3);
	});

	it('plans every pair of three endpoints with all-pairs', async () => {
		const form = await filled();
		form.toggleEndpoint(third);
		form.pairing = 'all-pairs';
		await form.setFilter('setId', 'set-a');
		await form.create();
		const trials = await db.trials.toArray();
		expect(trials).toHaveLength(3 * 3);
		const pairs = new Set(
			trials.map((t) => [t.leftEndpointId, t.rightEndpointId].sort().join('+'))
		);
		expect(pairs.size).toBe(3);
	});

	it('draws a random seed per form unless one is typed in', () => {
		expect(editor().seed).toBe(editor().seed);
		const a = new StudyEditor({ db: () => db });
		const b = new StudyEditor({ db: () => db });
		expect(a.seed).not.toBe(b.seed);
		expect(Number.isInteger(a.seed) && a.seed >= 0 && a.seed <= 0xffff_ffff).toBe(true);
	});
});
