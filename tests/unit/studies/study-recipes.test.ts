// Research-design recipes and several-tag selection in the new-study form, against a real
// (fake-indexeddb) database: what a recipe fills in, and what the created study stores.
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import { sequentialIds } from '$lib/core/ids';
import { seededRandom } from '$lib/core/random/prng';
import { endpointsForRecipe, recipeById, RECIPES } from '$lib/core/plan/recipes';
import type { ArenaDB } from '$lib/db/arena-db';
import { addPromptSet } from '$lib/db/repos/prompts';
import { saveEndpoint } from '$lib/db/repos/endpoints';
import { StudyEditor } from '$lib/studies/study-editor.svelte';
import { PreregistrationForm } from '$lib/studies/preregistration.svelte';
import { T0, makeEndpoint, makeItem, makePromptSet } from '../factories';
import { testDb } from '../db/test-db';

let db: ArenaDB;
const baseline = makeEndpoint({ id: 'ep-base', label: 'Base', role: 'baseline' });
const trained = makeEndpoint({ id: 'ep-tuned', label: 'Tuned', role: 'trained' });
const constitution = makeEndpoint({
	id: 'ep-const',
	label: 'Base + constitution',
	role: 'constitution',
	systemPrompt: 'Be honest and kind.'
});
const endpoints = [baseline, trained, constitution];

const tagged = (id: string, tags: string[]) =>
	makeItem({ id, setId: 'set-a', turns: [`${id}?`], tags, traits: ['truthfulness'] });

beforeEach(async () => {
	db = testDb();
	for (const endpoint of endpoints) await saveEndpoint(db, endpoint);
	await addPromptSet(db, makePromptSet({ id: 'set-a' }), [
		tagged('h1', ['harmful-steer']),
		tagged('h2', ['harmful-steer', 'conflict-of-interest']),
		tagged('g1', ['helpful-steer']),
		tagged('p1', ['pressure', 'multi-turn']),
		tagged('gp', ['helpful-steer', 'pressure']),
		tagged('x1', ['false-premise'])
	]);
});

function editor() {
	return new StudyEditor({
		db: () => db,
		clock: fixedClock(T0),
		newId: sequentialIds('study'),
		random: seededRandom('recipes-test'),
		navigate: () => {}
	});
}

describe('several tags', () => {
	it('combines tags with OR by default and with AND on request', async () => {
		const form = editor();
		await form.refreshMatches();
		expect(form.selectedCount).toBe(6);
		await form.toggleTag('harmful-steer');
		await form.toggleTag('helpful-steer');
		expect(form.selectedCount).toBe(4);
		await form.toggleTag('pressure');
		expect(form.selectedCount).toBe(5);
		await form.setTagMode('all');
		expect(form.selectedCount).toBe(0);
		await form.toggleTag('harmful-steer');
		expect(form.selectedCount).toBe(1);
		expect(form.shownItems.map((item) => item.id)).toEqual(['gp']);
	});
});

describe('recipes', () => {
	it('picks endpoints by role and reports roles nobody plays', () => {
		const persistence = recipeById('selective-persistence');
		if (!persistence) throw new Error('missing recipe');
		expect(endpointsForRecipe(persistence, endpoints)).toEqual({
			endpointIds: ['ep-tuned', 'ep-base'],
			baselineId: 'ep-base',
			missing: []
		});
		const contrast = recipeById('constitution-contrast');
		if (!contrast) throw new Error('missing recipe');
		expect(endpointsForRecipe(contrast, endpoints).endpointIds).toEqual([
			'ep-tuned',
			'ep-const',
			'ep-base'
		]);
		expect(endpointsForRecipe(contrast, [baseline, trained]).missing).toEqual(['constitution']);
	});

	it('selective persistence fills the form; the study stores its design and stratifying arms', async () => {
		const form = editor();
		await form.applyRecipe('selective-persistence', endpoints);
		expect(form.name).toBe('Selective persistence');
		expect(form.endpointIds).toEqual(['ep-tuned', 'ep-base']);
		expect(form.pairing).toBe('each-vs-baseline');
		expect(form.selectedCount).toBe(5);
		expect(form.primary).toEqual(['tag:harmful-steer', 'tag:helpful-steer', 'tag:pressure']);
		form.togglePrimary('tag:pressure');
		const id = (await form.create()) ?? '';
		const study = await db.studies.get(id);
		expect(study?.itemIds.slice().sort()).toEqual(['g1', 'gp', 'h1', 'h2', 'p1']);
		expect(study?.design).toEqual({
			recipe: 'selective-persistence',
			primary: ['tag:harmful-steer', 'tag:helpful-steer'],
			arms: ['tag:harmful-steer', 'tag:helpful-steer', 'tag:pressure']
		});
		// The lock form offers and pre-selects the design's proposal.
		const lock = new PreregistrationForm(id, { db: () => db });
		await lock.load();
		expect(lock.selected).toEqual(['tag:harmful-steer', 'tag:helpful-steer']);
		expect(lock.candidates).toContain('trait:truthfulness');
	});

	it('the constitution contrast compares all three pairs; trait-trained proposes the six traits', async () => {
		const form = editor();
		await form.applyRecipe('constitution-contrast', endpoints);
		expect(form.endpointIds).toHaveLength(3);
		expect(form.pairing).toBe('all-pairs');
		expect(form.trialCount).toBe(3 * 5);
		await form.applyRecipe('trait-vs-baseline', endpoints);
		expect(form.primary).toHaveLength(6);
		expect(form.selectedCount).toBe(6);
		expect(RECIPES.map((recipe) => recipe.id)).toHaveLength(3);
		await form.applyRecipe('', endpoints);
		expect(form.primary).toEqual([]);
	});
});

describe('pairs the researcher names', () => {
	it('compares exactly the ticked pairs, and needs at least one', async () => {
		const form = editor();
		form.name = 'Named pairs';
		for (const endpoint of endpoints) form.toggleEndpoint(endpoint);
		form.pairing = 'listed';
		await form.refreshMatches();
		expect(form.trialCount).toBe(0);
		expect(await form.create()).toBeUndefined();
		expect(form.errors.endpoints).toBe('Tick at least one pair of chosen endpoints to compare.');
		form.togglePair('ep-tuned|ep-const');
		form.togglePair('ep-base|ep-tuned');
		form.togglePair('ep-base|ep-const');
		form.togglePair('ep-base|ep-const');
		expect(form.trialCount).toBe(2 * 6);
		const id = (await form.create()) ?? '';
		const study = await db.studies.get(id);
		expect(study?.pairing).toBe('listed');
		expect(study?.pairs).toEqual([
			['ep-tuned', 'ep-const'],
			['ep-base', 'ep-tuned']
		]);
		const trials = await db.trials.where('studyId').equals(id).toArray();
		const pairs = new Set(
			trials.map((t) => [t.leftEndpointId, t.rightEndpointId].sort().join('|'))
		);
		expect(pairs).toEqual(new Set(['ep-const|ep-tuned', 'ep-base|ep-tuned']));
	});
});
