// A rater opening a study bundle on their own device: the Arena says what was opened and that it
// can be judged now, and the menu holds only what a rater needs (the researcher areas are one
// click away, for a researcher who opens a bundle on a fresh browser).
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, watchPage } from './fixtures';
import { addEndpoint, createStudy, importPrompts } from './endpoint-helpers';

test('opening a bundle confirms what it holds and gives the rater a rater-only menu', async ({
	page,
	browser,
	baseURL,
	mockUrl
}) => {
	test.setTimeout(180_000);
	await importPrompts(page, 'Rater flow');
	for (const role of ['baseline', 'trained'] as const) {
		await addEndpoint(page, {
			label: `Rater flow ${role}`,
			role,
			baseURL: mockUrl,
			model: `mock-${role}`,
			key: 'sk-rater-flow-0123456789'
		});
	}
	await createStudy(
		page,
		'Rater flow study',
		['Rater flow baseline', 'Rater flow trained'],
		'Rater flow'
	);
	const responses = page.getByRole('region', { name: 'Responses' });
	await responses.getByRole('button', { name: 'Generate responses' }).click();
	await expect(responses.getByRole('status')).toContainText('40 of 40 done · 0 failed', {
		timeout: 90_000
	});
	const panel = page.getByRole('region', { name: 'Study bundle for raters' });
	const download = page.waitForEvent('download');
	await panel.getByRole('button', { name: 'Export study bundle' }).click();
	const path = test.info().outputPath('rater-flow.bundle');
	writeFileSync(path, readFileSync(await (await download).path()));

	const context = await browser.newContext({ baseURL });
	const rater = await context.newPage();
	const problems = watchPage(rater);
	await rater.goto('./#/bundle');
	await rater.getByLabel('Open study bundle').setInputFiles(path);
	await expect(rater).toHaveURL(/#\/arena\/[^/?]+$/);
	await expect(
		rater.getByRole('status').filter({ hasText: 'Opened “Rater flow study”' })
	).toHaveText(
		'Opened “Rater flow study”: 20 comparisons to judge. Enter your rater ID and start judging now.'
	);
	const nav = rater.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link')).toHaveText(['Judge', 'My bundles']);
	await rater.getByLabel('Your rater ID').fill('rater-flow');
	await rater.getByRole('button', { name: 'Start judging' }).click();
	await expect(rater.getByRole('heading', { name: 'Trial 1 of 20' })).toBeVisible();

	// The menu stays a rater's across a reload; the researcher areas are one click away.
	await rater.reload();
	await expect(nav.getByRole('link')).toHaveText(['Judge', 'My bundles']);
	await rater.getByRole('button', { name: 'Researcher tools' }).click();
	await expect(nav.getByRole('link', { name: 'Studies' })).toBeVisible();
	expect(problems.errors).toEqual([]);
	await context.close();
});
