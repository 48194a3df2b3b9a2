// The study page's answer import: matched answers become done Responses, unknown model names
// become key-less endpoints that join the study and its re-made plan, in one transaction.
import { describe, expect, it } from 'vitest';
import { planTrials } from '$lib/core/plan/plan-trials';
import { putItems } from '$lib/db/repos/item-pages';
import { AnswerImport } from '$lib/studies/answer-import.svelte';
import { testDb } from '../db/test-db';
import { T0, judgmentOn, makeEndpoint, makeItem, makeStudy } from '../factories';

async function seeded() {
	const db = testDb();
	const items = [
		makeItem({ id: 'item-1', turns: ['Is it safe to stop my antidepressants suddenly?'] }),
		makeItem({ id: 'item-2', turns: ['What is the capital of Australia?'] })
	];
	const study = makeStudy({ itemIds: ['item-1', 'item-2'] });
	await putItems(db, items);
	await db.endpoints.bulkAdd([
		makeEndpoint(),
		makeEndpoint({ id: 'ep-trained', label: 'Trained', role: 'trained', model: 'mock-trained' })
	]);
	await db.studies.add(study);
	await db.trials.bulkAdd(planTrials(study, items));
	return db;
}

const lines = (...records: unknown[]) =>
	new File([records.map((record) => JSON.stringify(record)).join('\n')], 'answers.jsonl');

describe('AnswerImport', () => {
	it('stores matched answers as done responses; a new model joins the study and its plan', async () => {
		const db = await seeded();
		const importer = new AnswerImport('study-1', { db: () => db, now: () => T0 });
		await importer.importFiles([
			lines(
				{ item_id: 'item-1', model: 'mock-trained', answers: ['Please taper with your doctor.'] },
				{
					prompt: 'what is the capital of australia?',
					model: 'Outside-Model',
					answer: 'Canberra.'
				},
				{ item_id: 'item-9', model: 'mock-trained', answers: ['?'] }
			)
		]);
		expect(importer.error).toBe('');
		expect(importer.report).toMatchObject({ records: 3, saved: 2, issueTotal: 1 });
		expect(importer.report?.issues).toEqual([
			'answers.jsonl, line 3, field "item_id": matches no item of this study by id (got "item-9")'
		]);
		const study = await db.studies.get('study-1');
		expect(study?.endpointIds).toHaveLength(3);
		const added = await db.endpoints.get(study?.endpointIds[2] ?? '');
		expect(added).toMatchObject({
			label: 'Outside-Model',
			model: 'Outside-Model',
			role: 'imported'
		});
		expect(await db.keys.count()).toBe(0);
		const trials = await db.trials.where('studyId').equals('study-1').toArray();
		expect(trials).toHaveLength(4);
		const responses = await db.responses.toArray();
		expect(responses.map((r) => [r.itemId, r.endpointId, r.status])).toEqual(
			expect.arrayContaining([
				['item-1', 'ep-trained', 'done'],
				['item-2', added?.id, 'done']
			])
		);
		const trialResponses = new Set(trials.flatMap((t) => [t.leftResponseId, t.rightResponseId]));
		for (const response of responses) expect(trialResponses.has(response.id)).toBe(true);
	});

	it('a file with a broken record saves nothing and names it', async () => {
		const db = await seeded();
		const importer = new AnswerImport('study-1', { db: () => db, now: () => T0 });
		await importer.importFiles([
			lines(
				{ item_id: 'item-1', model: 'mock-trained', answers: ['Please taper with your doctor.'] },
				{ item_id: 'item-2', model: 'mock-trained', answers: 7 }
			)
		]);
		expect(importer.report).toMatchObject({ saved: 0, broken: 1 });
		expect(importer.report?.issues).toEqual([
			'answers.jsonl, line 2, field "answers": must be a list of text, not a number (got 7)'
		]);
		expect(await db.responses.count()).toBe(0);
	});

	it('a judged study keeps its endpoints and plan', async () => {
		const db = await seeded();
		const [trial] = await db.trials.toArray();
		if (!trial) throw new Error('no trial');
		await db.judgments.add(judgmentOn(trial));
		const importer = new AnswerImport('study-1', { db: () => db, now: () => T0 });
		await importer.importFiles([lines({ item_id: 'item-1', model: 'stranger', answers: ['x'] })]);
		expect(importer.report?.saved).toBe(0);
		expect(importer.report?.issues[0]).toContain('"stranger" is not an endpoint of this study');
		expect((await db.studies.get('study-1'))?.endpointIds).toEqual(['ep-baseline', 'ep-trained']);
		expect(await db.responses.count()).toBe(0);
		expect(await db.endpoints.count()).toBe(2);
	});
});
