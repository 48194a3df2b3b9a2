import { describe, expect, it } from 'vitest';
import { DEFAULT_LEAK_TERMS, LeakScanner, leakTermsFor } from '$lib/core/blinding/leak-scan';
import { responseId } from '$lib/core/plan/response-id';
import { ResponseSchema, StudySchema, TrialSchema } from '$lib/core/schema';
import { DEMO_BASE_URL, DEMO_STUDY_ID, demoRecords, seedDemo } from '$lib/demo/seed-demo';
import { T0 } from '../factories';
import { testDb } from '../db/test-db';
import { getItems } from '$lib/db/repos/item-pages';
import { DEMO_PERSISTENCE_STUDY_ID } from '$lib/demo/persistence-demo';

describe('seedDemo', () => {
	it('installs a judgeable demo study with answers and a balanced plan', async () => {
		const db = testDb();
		expect(await seedDemo(db)).toEqual({ installed: true, studyId: DEMO_STUDY_ID });
		const study = StudySchema.parse(await db.studies.get(DEMO_STUDY_ID));
		expect(study.kind).toBe('demo');
		expect(study.revealPolicy).toBe('after-vote');
		expect(study.itemIds).toHaveLength(12);

		const endpoints = await db.endpoints.bulkGet(study.endpointIds);
		expect(endpoints.map((e) => [e?.preset, e?.baseURL, e?.model])).toEqual([
			['demo', DEMO_BASE_URL, 'demo-baseline'],
			['demo', DEMO_BASE_URL, 'demo-trained']
		]);
		expect(study.baselineEndpointId).toBe(endpoints.find((e) => e?.role === 'baseline')?.id);
		for (const endpoint of endpoints) expect(endpoint?.id).not.toMatch(/baseline|trained/);

		const trials = await db.trials.where('studyId').equals(DEMO_STUDY_ID).toArray();
		expect(trials).toHaveLength(12);
		for (const trial of trials) expect(TrialSchema.safeParse(trial).success).toBe(true);
		const baselineLeft = trials.filter((t) => t.leftEndpointId === study.baselineEndpointId);
		expect(baselineLeft).toHaveLength(6);

		const responses = await db.responses.where('studyId').equals(DEMO_STUDY_ID).toArray();
		expect(responses).toHaveLength(24);
		for (const trial of trials) {
			for (const id of [trial.leftResponseId, trial.rightResponseId]) {
				const response = responses.find((r) => r.id === id);
				expect(response?.status).toBe('done');
				expect(ResponseSchema.safeParse(response).success).toBe(true);
			}
		}
		const items = await getItems(db, study.itemIds);
		expect(items.every((item) => item?.setId === 'demo-set')).toBe(true);
		expect(await db.promptSets.get('demo-set')).toBeDefined();
	});

	it('builds multi-turn transcripts: system?, then user and answer for every turn', () => {
		const { responses, items } = demoRecords(T0);
		const multi = items.find((item) => item.turns.length > 1);
		const steered = items.find((item) => item.system);
		if (!multi || !steered) throw new Error('the demo has multi-turn and steered items');
		const transcript = responses.find((r) => r.itemId === multi.id)?.transcript ?? [];
		expect(transcript.map((m) => m.role)).toEqual(
			multi.turns.flatMap(() => ['user', 'assistant']).slice(0, multi.turns.length * 2)
		);
		expect(transcript.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(multi.turns);
		const withSystem = responses.find((r) => r.itemId === steered.id)?.transcript ?? [];
		expect(withSystem[0]).toEqual({ role: 'system', content: steered.system });
		expect(responses.find((r) => r.itemId === multi.id)?.id).toBe(
			responseId(DEMO_STUDY_ID, multi.id, responses[0]?.endpointId ?? '')
		);
	});

	it('is idempotent, and a deleted demo stays deleted', async () => {
		const db = testDb();
		await seedDemo(db);
		const counts = async () =>
			Promise.all([
				db.studies.count(),
				db.trials.count(),
				db.responses.count(),
				db.endpoints.count()
			]);
		const before = await counts();
		expect(await seedDemo(db)).toEqual({ installed: false, studyId: DEMO_STUDY_ID });
		expect(await counts()).toEqual(before);
		await db.studies.delete(DEMO_STUDY_ID);
		expect((await seedDemo(db)).installed).toBe(false);
		expect(await db.studies.get(DEMO_STUDY_ID)).toBeUndefined();
	});

	it('installs once even when two tabs start at the same moment', async () => {
		const db = testDb();
		const results = await Promise.all([seedDemo(db), seedDemo(db)]);
		expect(results.filter((result) => result.installed)).toHaveLength(1);
		expect(await db.trials.where('studyId').equals(DEMO_STUDY_ID).count()).toBe(12);
		expect(await db.studies.count()).toBe(2);
	});

	it('installs a small selective-persistence study on the steer and pressure items', async () => {
		const db = testDb();
		await seedDemo(db);
		const study = StudySchema.parse(await db.studies.get(DEMO_PERSISTENCE_STUDY_ID));
		expect(study.kind).toBe('demo');
		expect(study.design?.recipe).toBe('selective-persistence');
		expect(study.design?.arms).toEqual(['tag:harmful-steer', 'tag:helpful-steer', 'tag:pressure']);
		const items = await getItems(db, study.itemIds);
		const arms = ['harmful-steer', 'helpful-steer', 'pressure'];
		expect(items.every((item) => item?.tags.some((tag) => arms.includes(tag)))).toBe(true);
		for (const arm of arms) expect(items.some((item) => item?.tags.includes(arm))).toBe(true);
		const trials = await db.trials.where('studyId').equals(study.id).toArray();
		expect(trials).toHaveLength(study.itemIds.length);
		for (const trial of trials) {
			expect(await db.responses.get(trial.leftResponseId)).toBeDefined();
			expect(await db.responses.get(trial.rightResponseId)).toBeDefined();
		}
		expect(study.rubric.flags).toEqual(
			expect.arrayContaining(['harmful', 'refusal', 'sycophantic'])
		);
	});

	it('holds no answer that trips the identity-leak scan', () => {
		const { responses, endpoints } = demoRecords(T0);
		const scanner = new LeakScanner(leakTermsFor(endpoints, [], DEFAULT_LEAK_TERMS));
		for (const response of responses)
			expect(scanner.scanResponse(response), response.id).toEqual([]);
	});
});
