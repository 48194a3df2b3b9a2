import { describe, expect, it } from 'vitest';
import { batchCustomId } from '$lib/core/bundle/openai-batch';
import { BatchFiles } from '$lib/bundles/batch.svelte';
import { batchInputFile, importBatchOutput } from '$lib/bundles/batch-files';
import { batchStatus, loadBatchContext } from '$lib/db/repos/bundles';
import { answerBatch } from '../../../tools/batch-answer';
import { testDb } from '../db/test-db';
import { seedResearcher } from './study-fixture';

async function freshStudy() {
	const db = testDb();
	await seedResearcher(db);
	await db.responses.clear();
	return db;
}

async function roundTrip(db: ReturnType<typeof testDb>, endpointId: string) {
	const input = batchInputFile(await loadBatchContext(db, 'study-1'), endpointId);
	const output = answerBatch(input.jsonl);
	return { input, report: await importBatchOutput(db, 'study-1', 'out.jsonl', output) };
}

describe('Batch API round trip', () => {
	it('exports one request per item and endpoint, answers it like the mock server, imports every response', async () => {
		const db = await freshStudy();
		const first = await roundTrip(db, 'ep-baseline');
		expect(first.input.requests).toBe(3);
		expect(first.input.fileName).toBe('pilot.baseline-7b.batch-input.jsonl');
		expect(first.input.jsonl).not.toContain('sk-');
		expect(first.report).toEqual({ file: 'out.jsonl', saved: 3, issues: [] });
		await roundTrip(db, 'ep-trained');
		// item-2 has a scripted follow-up: a second round asks for it, after each model's own answer.
		const second = [await roundTrip(db, 'ep-baseline'), await roundTrip(db, 'ep-trained')];
		expect(second.map((round) => round.input.requests)).toEqual([1, 1]);
		expect(second[1]?.input.jsonl).toContain('Are you sure? My aunt says so.');
		const responses = await db.responses.toArray();
		expect(responses).toHaveLength(6);
		expect(responses.every((response) => response.status === 'done')).toBe(true);
		const followUp = responses.find((r) => r.id === 'study-1:item-2:ep-trained');
		expect(followUp?.transcript.map((m) => m.role)).toEqual([
			'system',
			'user',
			'assistant',
			'user',
			'assistant'
		]);
		expect(followUp?.transcript[2]?.content).toMatch(/careful take|walk through|step by step/);
		const done = batchInputFile(await loadBatchContext(db, 'study-1'), 'ep-trained');
		expect(done).toMatchObject({ requests: 0, complete: 3 });
	});

	it('lists failed lines by number and saves the rest in the same import', async () => {
		const db = await freshStudy();
		const input = batchInputFile(await loadBatchContext(db, 'study-1'), 'ep-baseline');
		const lines = input.jsonl.trim().split('\n');
		lines[1] = (lines[1] ?? '').replace('"mock-baseline"', '"mock-baseline@500"');
		const output = answerBatch(lines.join('\n')) + 'not json\n';
		const report = await importBatchOutput(db, 'study-1', 'out.jsonl', output);
		expect(report.saved).toBe(2);
		expect(report.issues).toEqual([
			'out.jsonl, row 2, field "response.status_code": request failed with HTTP 500',
			'out.jsonl, row 4: is not valid JSON'
		]);
		const retry = batchInputFile(await loadBatchContext(db, 'study-1'), 'ep-baseline');
		expect(retry.requests).toBe(1);
	});

	it('summarises what each endpoint still needs; the state class downloads and reports per file', async () => {
		const db = await freshStudy();
		const downloads: string[] = [];
		const batch = new BatchFiles('study-1', {
			db: () => db,
			download: (name) => downloads.push(name)
		});
		const needs = async () =>
			(await batchStatus(db, 'study-1')).map((s) => [s.label, s.requests, s.complete]);
		expect(await needs()).toEqual([
			['Baseline 7B', 3, 0],
			['Trained 7B', 3, 0]
		]);
		await batch.exportInput('ep-trained');
		expect(downloads).toEqual(['pilot.trained-7b.batch-input.jsonl']);
		const text = answerBatch(
			batchInputFile(await loadBatchContext(db, 'study-1'), 'ep-trained').jsonl
		);
		await batch.importOutput([new File([text], 'trained-out.jsonl')]);
		expect(batch.reports).toEqual([{ file: 'trained-out.jsonl', saved: 3, issues: [] }]);
		expect(await needs()).toEqual([
			['Baseline 7B', 3, 0],
			['Trained 7B', 1, 2]
		]);
	});

	it('answers batch-level expiry and unknown models as the Batch API does', () => {
		const line = (model: string) =>
			JSON.stringify({
				custom_id: batchCustomId('s', 'i', 'e', 0),
				method: 'POST',
				url: '/v1/chat/completions',
				body: { model, messages: [{ role: 'user', content: 'hi' }] }
			});
		const [expired, unknown] = answerBatch(`${line('mock-trained@expired')}\n${line('nope')}`)
			.trim()
			.split('\n')
			.map((text) => JSON.parse(text));
		expect(expired).toMatchObject({ response: null, error: { code: 'batch_expired' } });
		expect(unknown).toMatchObject({ response: { status_code: 404 }, error: null });
	});
});
