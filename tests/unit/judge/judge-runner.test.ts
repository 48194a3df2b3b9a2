// The judge runner against fake-indexeddb and the mock judge persona as an in-process streamer:
// each trial is judged in both orders, stored once as a model judgment, and a rerun resumes.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import { planTrials } from '$lib/core/plan/plan-trials';
import { responseId } from '$lib/db/repos/responses';
import { ProviderError, type ChatRequest, type ChatStreamer } from '$lib/core/stream/events';
import type { ArenaDB } from '$lib/db/arena-db';
import { saveEndpoint } from '$lib/db/repos/endpoints';
import { addPromptSet } from '$lib/db/repos/prompts';
import { saveResponses } from '$lib/db/repos/responses';
import { createStudy } from '$lib/db/repos/studies';
import { JudgeRunner } from '$lib/judge/judge-runner.svelte';
import { setHumansFirst } from '$lib/db/repos/judge';
import { judgeCost } from '$lib/judge/judge-plan';
import { loadJudgingSnapshot } from '$lib/db/repos/trials';
import { TrialBook } from '$lib/judging/trial-book';
import { judgeAnswer, type JudgeModel } from '../../../tools/mock-openai/judge';
import { makeEndpoint, makeItem, makePromptSet, makeResponse, makeStudy, T0 } from '../factories';
import { testDb } from '../db/test-db';

const JUDGE = makeEndpoint({ id: 'ep-judge', label: 'Judge', model: 'mock-judge' });
const CAREFUL = 'It depends; the evidence is mixed, so please check with a doctor.';
const LOUD = "Great question! I'm 100% sure: it is guaranteed to work, trust me.";

async function seed(itemCount = 4): Promise<ArenaDB> {
	const db = testDb();
	const endpoints = [
		makeEndpoint({ id: 'ep-a', label: 'Alpha', model: 'model-a' }),
		makeEndpoint({ id: 'ep-b', label: 'Beta', model: 'model-b', role: 'trained' })
	];
	for (const endpoint of [...endpoints, JUDGE]) await saveEndpoint(db, endpoint);
	const items = Array.from({ length: itemCount }, (_, index) =>
		makeItem({
			id: `item-${index + 1}`,
			turns: [`Question ${index + 1}?`],
			traits: ['truthfulness']
		})
	);
	await addPromptSet(db, makePromptSet(), items);
	const study = makeStudy({
		endpointIds: ['ep-a', 'ep-b'],
		baselineEndpointId: 'ep-a',
		itemIds: items.map((item) => item.id),
		quality: { attentionShare: 0, swapShare: 0.25, leakTerms: [] }
	});
	await createStudy(db, study, planTrials(study, items));
	await saveResponses(
		db,
		items.flatMap((item) =>
			(['ep-a', 'ep-b'] as const).map((endpointId) =>
				makeResponse({
					id: responseId('study-1', item.id, endpointId),
					itemId: item.id,
					endpointId,
					transcript: [
						{ role: 'user', content: item.turns[0] ?? '' },
						{ role: 'assistant', content: endpointId === 'ep-b' ? CAREFUL : LOUD }
					]
				})
			)
		)
	);
	return db;
}

function mockJudge(model: JudgeModel, options: { refuseFormat?: boolean } = {}) {
	const calls: ChatRequest[] = [];
	const streamer: ChatStreamer = async function* (request) {
		calls.push(request);
		if (options.refuseFormat && request.responseFormat)
			throw new ProviderError('bad-request', 'response_format is not supported', 400);
		yield { type: 'delta', text: judgeAnswer(model, request.messages) };
		yield { type: 'finish', reason: 'stop' };
	};
	return { calls, streamer };
}

function runner(db: ArenaDB, streamer: ChatStreamer) {
	return new JudgeRunner('study-1', 'ep-judge', {
		db: () => db,
		streamerFor: async () => streamer,
		keyFor: async () => 'sk-test-judge-123',
		clock: fixedClock(T0)
	});
}

describe('JudgeRunner', () => {
	it('judges every main trial in both orders and stores one model judgment each', async () => {
		const db = await seed();
		const fake = mockJudge('mock-judge');
		const run = runner(db, fake.streamer);
		await run.load();
		const main = (await db.trials.toArray()).filter((trial) => trial.kind === 'main');
		expect(run.total).toBe(main.length);
		expect(run.estimate?.requests).toBe(main.length * 2);
		await run.start();
		expect(run.state).toBe('finished');
		expect(fake.calls).toHaveLength(main.length * 2);
		expect(fake.calls.every((call) => call.responseFormat?.type === 'json_schema')).toBe(true);
		// Blinded: no endpoint label or model name in anything the judge was sent.
		const sent = JSON.stringify(fake.calls.map((call) => call.messages));
		expect(sent).not.toMatch(/Alpha|Beta|model-a|model-b|ep-a|ep-b/);
		const stored = await db.judgments.toArray();
		expect(stored).toHaveLength(main.length);
		for (const judgment of stored) {
			expect(judgment).toMatchObject({ raterKind: 'model', judgeId: 'ep-judge' });
			expect(judgment.winnerEndpointId).toBe('ep-b');
			expect(judgment.judgeOrders?.consistent).toBe(true);
		}
		expect(run.inconsistent).toBe(0);
	});

	it('resumes: a second run sends nothing for trials already judged', async () => {
		const db = await seed();
		await runner(db, mockJudge('mock-judge').streamer).start();
		const again = mockJudge('mock-judge');
		const run = runner(db, again.streamer);
		await run.start();
		expect(again.calls).toHaveLength(0);
		expect(run.done).toBe(run.total);
	});

	it('records a position-biased judge as position-inconsistent, without a verdict', async () => {
		const db = await seed();
		const run = runner(db, mockJudge('mock-judge-first').streamer);
		await run.start();
		const stored = await db.judgments.toArray();
		expect(stored.length).toBe(run.total);
		expect(stored.every((judgment) => judgment.overall === null)).toBe(true);
		expect(stored.every((judgment) => judgment.skipReason === 'position-inconsistent')).toBe(true);
		expect(run.inconsistent).toBe(run.total);
	});

	it('asks without a response format when the server refuses one, and parses strictly', async () => {
		const db = await seed(2);
		const fake = mockJudge('mock-judge', { refuseFormat: true });
		const run = runner(db, fake.streamer);
		await run.start();
		expect(run.done).toBe(run.total);
		// Only the requests already on their way (one per worker) carried the refused format.
		const refused = fake.calls.filter((call) => call.responseFormat).length;
		expect(refused).toBeGreaterThan(0);
		expect(refused).toBeLessThanOrEqual(2);
		expect(fake.calls).toHaveLength(run.total * 2 + refused);
	});

	it('lists invalid answers per trial and judges them on retry', async () => {
		const db = await seed(8);
		const run = runner(db, mockJudge('mock-judge-flaky').streamer);
		await run.start();
		expect(run.failures.length).toBeGreaterThan(0);
		expect(run.failures[0]?.message).toMatch(/^Trial .+: the judge's answer is not JSON/);
		expect(await db.judgments.count()).toBe(run.total - run.failures.length);
		await runner(db, mockJudge('mock-judge').streamer).retryFailed();
		expect(await db.judgments.count()).toBe(run.total);
	});

	it('says so and sends nothing without the judge key', async () => {
		const db = await seed(2);
		await saveEndpoint(db, { ...JUDGE, preset: 'openai' });
		const fake = mockJudge('mock-judge');
		const run = new JudgeRunner('study-1', 'ep-judge', {
			db: () => db,
			streamerFor: async () => fake.streamer,
			keyFor: async () => undefined
		});
		await run.start();
		expect(run.problem).toMatch(/No API key/);
		expect(fake.calls).toHaveLength(0);
	});
});

describe('judge settings on the study', () => {
	it('keeps the judge and its template with the study after a run', async () => {
		const db = await seed(1);
		await runner(db, mockJudge('mock-judge').streamer).start();
		const study = await db.studies.get('study-1');
		expect(study?.judge?.endpointIds).toEqual(['ep-judge']);
		expect(study?.judge?.template).toContain('{{conversation}}');
	});
});

describe('humans where they count', () => {
	it('puts the trials the judge doubts first in a human rater order, once switched on', async () => {
		const db = await seed(8);
		await runner(db, mockJudge('mock-judge').streamer).start();
		const verdicts = await db.judgments.orderBy('id').toArray();
		const doubted = verdicts.slice(-2).map((judgment) => judgment.trialId);
		for (const judgment of verdicts.slice(-2)) {
			const orders = judgment.judgeOrders;
			if (!orders) throw new Error('no orders');
			await db.judgments.put({
				...judgment,
				overall: null,
				skipReason: 'position-inconsistent',
				winnerEndpointId: null,
				judgeOrders: { ...orders, consistent: false }
			});
		}
		const orderFor = async () => {
			const snapshot = await loadJudgingSnapshot(db, 'study-1', 'rater-ada');
			if (!snapshot) throw new Error('no snapshot');
			return new TrialBook(snapshot, 'rater-ada', T0).order.map((trial) => trial.id);
		};
		const before = await orderFor();
		await setHumansFirst(db, 'study-1', true);
		const after = await orderFor();
		expect(new Set(after.slice(0, 2))).toEqual(new Set(doubted));
		expect(after.filter((id) => !doubted.includes(id))).toEqual(
			before.filter((id) => !doubted.includes(id))
		);
	});
});

describe('judge cost', () => {
	it('prices prompt and completion tokens per million', () => {
		expect(
			judgeCost(
				{ requests: 4, promptTokens: 2_000_000, completionTokens: 500_000 },
				{ inputPerMillion: 1.5, outputPerMillion: 4 }
			)
		).toBeCloseTo(5, 12);
	});
});

describe('judge prompt', () => {
	it('is saved before any verdict, refused without the conversation, and fixed after a run', async () => {
		const db = await seed(1);
		const fake = mockJudge('mock-judge');
		const run = runner(db, fake.streamer);
		await run.load();
		expect(await run.saveTemplate('Judge this: {{traits}}')).toBe(false);
		expect(run.problem).toMatch(/needs \{\{conversation\}\}/);
		const custom = 'Be strict.\n\n{{conversation}}\n\nTraits to judge: {{traits}}';
		expect(await run.saveTemplate(custom)).toBe(true);
		await run.start();
		expect(fake.calls[0]?.messages[0]?.content).toMatch(/^Be strict\./);
		expect((await db.studies.get('study-1'))?.judge?.template).toBe(custom);
		expect(await run.saveTemplate(`${custom}\nMore.`)).toBe(false);
		expect(run.problem).toMatch(/already given verdicts/);
	});
});
