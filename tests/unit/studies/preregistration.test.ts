// Locking the primary hypotheses on a stored study: once, and only before the first judgment.
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import { preregistrationIntact } from '$lib/core/analysis/preregistration';
import type { ArenaDB } from '$lib/db/arena-db';
import { commitJudgment } from '$lib/db/repos/judgments';
import { PreregistrationForm } from '$lib/studies/preregistration.svelte';
import { makeItem, makeJudgment, makePromptSet, makeStudy } from '../factories';
import { addPromptSet } from '$lib/db/repos/prompts';
import { testDb } from '../db/test-db';

let db: ArenaDB;
const study = makeStudy({ id: 'study-p', itemIds: ['p1', 'p2'] });

beforeEach(async () => {
	db = testDb();
	await addPromptSet(db, makePromptSet({ id: 'set-p' }), [
		makeItem({ id: 'p1', setId: 'set-p', turns: ['One?'], traits: ['truthfulness'] }),
		makeItem({ id: 'p2', setId: 'set-p', turns: ['Two?'], traits: ['fairness'] })
	]);
	await db.studies.put(study);
});

function form() {
	return new PreregistrationForm(study.id, {
		db: () => db,
		clock: fixedClock('2026-11-20T09:00:00.000Z')
	});
}

describe('pre-registration form', () => {
	it('offers the study traits, locks the chosen ones with time and hash, and only once', async () => {
		const prereg = form();
		await prereg.load();
		expect(prereg.candidates).toEqual(['overall', 'trait:fairness', 'trait:truthfulness']);
		expect(prereg.selected).toEqual(['trait:fairness', 'trait:truthfulness']);
		prereg.toggle('trait:fairness');
		expect(prereg.plan.familySize).toBe(1);
		const assumed = prereg.plan.needed;
		prereg.designEffect = 3;
		prereg.tiePercent = 40;
		expect(prereg.plan).toMatchObject({ designEffect: 3, tieRate: 0.4 });
		expect(prereg.plan.needed).toBeGreaterThan(assumed);
		await prereg.lock();
		expect(prereg.error).toBeUndefined();
		const stored = (await db.studies.get(study.id))?.preregistration;
		expect(stored).toMatchObject({
			hypotheses: ['trait:truthfulness'],
			alpha: 0.05,
			lockedAt: '2026-11-20T09:00:00.000Z'
		});
		expect(stored && preregistrationIntact(study.id, stored)).toBe(true);
		const again = form();
		await again.lock();
		expect(again.error).toMatch(/already locked/);
		expect((await db.studies.get(study.id))?.preregistration).toEqual(stored);
	});

	it('refuses once the study has a judgment, leaving the study unchanged', async () => {
		await commitJudgment(db, makeJudgment({ studyId: study.id }));
		const prereg = form();
		await prereg.load();
		await prereg.lock();
		expect(prereg.error).toMatch(/already has 1 judgment/);
		expect((await db.studies.get(study.id))?.preregistration).toBeUndefined();
	});
});
