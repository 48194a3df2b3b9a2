// Batch generation round trip through the UI: export one Batch API input file per endpoint, let
// tools/batch-answer.ts answer it as the mock server would (standing in for the provider), import
// the output files, repeat for the scripted follow-up turns, and the study holds every response.
// A failed line is listed by number and simply asked again by the next export.
import type { Locator, Page } from '@playwright/test';
import { answerBatch } from '../../tools/batch-answer';
import { test, expect } from './fixtures';
import { addEndpoint, createStudy, importPrompts } from './endpoint-helpers';
import { savedText } from './bundle-helpers';

async function exportInput(page: Page, panel: Locator, label: string): Promise<string> {
	const download = page.waitForEvent('download');
	await panel.getByRole('button', { name: `Export Batch API input for ${label}` }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^batch-study\..+\.batch-input\.jsonl$/);
	return savedText(file);
}

function outputFile(name: string, text: string) {
	return { name, mimeType: 'application/jsonl', buffer: Buffer.from(text) };
}

test('a study generated through Batch API files ends up with every response', async ({
	page,
	mockUrl
}) => {
	test.setTimeout(120_000);
	await importPrompts(page, 'Batch e2e');
	await addEndpoint(page, {
		label: 'Batch base',
		role: 'baseline',
		baseURL: mockUrl,
		model: 'mock-baseline'
	});
	await addEndpoint(page, {
		label: 'Batch tuned',
		role: 'trained',
		baseURL: mockUrl,
		model: 'mock-trained'
	});
	await createStudy(page, 'Batch study', ['Batch base', 'Batch tuned'], 'Batch e2e');
	// The browser never calls the endpoints: the Batch files carry every request.
	const apiCalls: string[] = [];
	page.on('request', (call) => {
		if (call.url().startsWith(new URL(mockUrl).origin)) apiCalls.push(call.url());
	});

	const panel = page.getByRole('region', { name: 'Batch API generation' });
	const row = (label: string) => panel.getByRole('row').filter({ hasText: label });
	await expect(row('Batch base')).toContainText('0 of 2020 requests');
	const importer = panel.getByLabel('Import Batch API output');

	// Round 1: every item's first turn; one line of the tuned file fails at the provider.
	const base = await exportInput(page, panel, 'Batch base');
	const tuned = (await exportInput(page, panel, 'Batch tuned')).split('\n');
	expect(base.trim().split('\n')).toHaveLength(20);
	tuned[2] = (tuned[2] ?? '').replace('"model":"mock-trained"', '"model":"mock-trained@500"');
	await importer.setInputFiles([
		outputFile('base-out.jsonl', answerBatch(base)),
		outputFile('tuned-out.jsonl', answerBatch(tuned.join('\n')))
	]);
	await expect(panel.getByText('base-out.jsonl: 20 responses saved.')).toBeVisible();
	await expect(
		panel.getByText('tuned-out.jsonl: 19 responses saved, 1 lines failed.')
	).toBeVisible();
	await expect(panel.getByRole('list', { name: 'Failed lines in tuned-out.jsonl' })).toContainText(
		'tuned-out.jsonl, row 3, field "response.status_code": request failed with HTTP 500'
	);
	// Every fourth item has a scripted follow-up: 5 second turns, plus the failed line again.
	await expect(row('Batch base')).toContainText('15 of 205 requests');
	await expect(row('Batch tuned')).toContainText('14 of 206 requests');

	// Round 2: the follow-ups, each after that model's own first answer, and the failed line.
	const followUps = [
		outputFile('base-2.jsonl', answerBatch(await exportInput(page, panel, 'Batch base'))),
		outputFile('tuned-2.jsonl', answerBatch(await exportInput(page, panel, 'Batch tuned')))
	];
	await importer.setInputFiles(followUps);
	await expect(panel.getByText('base-2.jsonl: 5 responses saved.')).toBeVisible();
	await expect(panel.getByText('tuned-2.jsonl: 6 responses saved.')).toBeVisible();
	await expect(row('Batch base')).toContainText('20 of 200 requests');
	await expect(row('Batch tuned')).toContainText('20 of 200 requests');
	await expect(
		panel.getByRole('button', { name: /Export Batch API input/ }).first()
	).toBeDisabled();
	await expect(page.getByRole('region', { name: 'Study bundle for raters' })).toContainText(
		'20 of 20 trials have both answers'
	);
	expect(apiCalls).toEqual([]);
});
