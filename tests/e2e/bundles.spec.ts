// A study leaves the researcher's browser as one file and comes back as rater files, across three
// browser contexts (separate IndexedDB, like three machines). Promises kept: raters need no key
// and their browsers never hold a model name, endpoint label, base URL or key; a rater who goes
// offline halfway finishes and exports; a damaged, truncated or newer bundle is refused saying
// which; every judgment merges back to the right endpoint, idempotently.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { test, expect, watchPage } from './fixtures';
import { addEndpoint, createStudy, importPrompts } from './endpoint-helpers';
import {
	bundleVariants,
	expectNoneOf,
	judgeTrials,
	pageSurface,
	savedText,
	startJudging,
	storageDump
} from './bundle-helpers';

const TRIALS = 20;
const KEY = 'sk-bundle-e2e-secret-0123456789';

async function researcherStudy(page: Page, mockUrl: string): Promise<string> {
	await importPrompts(page, 'Bundle e2e');
	await addEndpoint(page, {
		label: 'Zephyr baseline',
		role: 'baseline',
		baseURL: mockUrl,
		model: 'mock-baseline',
		key: KEY,
		remember: true
	});
	await addEndpoint(page, {
		label: 'Quokka trained',
		role: 'trained',
		baseURL: mockUrl,
		model: 'mock-trained',
		key: KEY,
		remember: true
	});
	await createStudy(page, 'Blind pilot', ['Zephyr baseline', 'Quokka trained'], 'Bundle e2e');
	const responses = page.getByRole('region', { name: 'Responses' });
	await responses.getByRole('button', { name: 'Generate responses' }).click();
	await expect(responses.getByRole('status')).toContainText('40 of 40 done · 0 failed', {
		timeout: 60_000
	});
	const bundle = page.getByRole('region', { name: 'Study bundle for raters' });
	await expect(bundle).toContainText(`${TRIALS} of ${TRIALS} trials have both answers`);
	const download = page.waitForEvent('download');
	await bundle.getByRole('button', { name: 'Export study bundle' }).click();
	await expect(bundle.getByRole('status')).toContainText(
		`${TRIALS} trials included, 0 skipped (unfinished answers)`
	);
	const file = await download;
	expect(file.suggestedFilename()).toBe('blind-pilot.traitarena-bundle.gz');
	const path = test.info().outputPath('study.bundle');
	writeFileSync(path, readFileSync(await file.path()));
	return path;
}

async function raterPage(browser: Browser, baseURL: string | undefined) {
	const context = await browser.newContext({ baseURL, acceptDownloads: true });
	const page = await context.newPage();
	// Raters need no API: any request off the app's own origin is recorded and fails the test.
	const offSite: string[] = [];
	context.on('request', (call) => {
		if (!baseURL || !call.url().startsWith(new URL(baseURL).origin)) offSite.push(call.url());
	});
	return { context, page, offSite, problems: watchPage(page) };
}

async function exportJudgments(
	page: Page,
	raterId: string
): Promise<{ path: string; text: string }> {
	await page.goto('./#/bundle');
	const row = page
		.getByRole('listitem')
		.filter({ hasText: `${raterId}: ${TRIALS} of ${TRIALS} judged` });
	const download = page.waitForEvent('download');
	await row.getByRole('button', { name: 'Export my judgments' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(`blind-pilot.${raterId}.judgments.json`);
	await expect(row.getByRole('status')).toContainText(`Saved ${TRIALS} judgments`);
	const path = test.info().outputPath(file.suggestedFilename());
	writeFileSync(path, readFileSync(await file.path()));
	return { path, text: await savedText(file) };
}

test('raters on separate machines judge a bundle (one offline), and their files merge back to the right endpoints', async ({
	page,
	browser,
	baseURL,
	mockUrl
}) => {
	test.setTimeout(240_000);
	const bundlePath = await researcherStudy(page, mockUrl);
	const researcherDb = JSON.parse(await storageDump(page)) as unknown[];
	const endpointIds = JSON.stringify(researcherDb).match(/"id":"[^"]+","label":"(Zephyr|Quokka)/g);
	expect(endpointIds).toHaveLength(2);
	const secrets = [
		'Zephyr',
		'Quokka',
		'mock-baseline',
		'mock-trained',
		mockUrl,
		new URL(mockUrl).host,
		KEY,
		...(endpointIds ?? []).map((match) => /"id":"([^"]+)"/.exec(match)?.[1] ?? 'missing')
	];
	const variants = bundleVariants(readFileSync(bundlePath));
	expectNoneOf(variants.text, secrets, 'the bundle file');

	// Rater A opens the file, judges half, loses the network, reloads, finishes and exports.
	const ada = await raterPage(browser, baseURL);
	await ada.page.goto('./#/bundle');
	await ada.page.getByLabel('Open study bundle').setInputFiles(bundlePath);
	await startJudging(ada.page, 'rater-ada');
	await judgeTrials(ada.page, TRIALS / 2);
	await expect
		.poll(() => ada.page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
	await ada.context.setOffline(true);
	await ada.page.reload();
	await expect(ada.page.getByRole('heading', { name: `Trial 11 of ${TRIALS}` })).toBeVisible();
	expectNoneOf(await pageSurface(ada.page), secrets, 'rater A’s page');
	await judgeTrials(ada.page, TRIALS / 2);
	const adaFile = await exportJudgments(ada.page, 'rater-ada');

	// Rater B first meets three broken copies, then opens the hosted bundle by link.
	const bob = await raterPage(browser, baseURL);
	await bob.context.route('**/fixtures/study.bundle', (route) =>
		route.fulfill({ path: bundlePath, contentType: 'application/gzip' })
	);
	await bob.page.goto('./#/bundle');
	const picker = bob.page.getByLabel('Open study bundle');
	const refusal = bob.page.getByRole('alert');
	for (const [name, buffer, message] of [
		['one-byte.gz', variants.damaged, /one-byte.gz is damaged/],
		['cut.gz', variants.truncated, /cut.gz is incomplete: the file ends early/],
		['newer.gz', variants.newer, /newer Trait Arena \(bundle schema 3\).*Update the app/],
		['old.gz', variants.older, /old.gz is an old-style bundle \(schema 1\).*export the study again/]
	] as const) {
		await picker.setInputFiles({ name, mimeType: 'application/gzip', buffer });
		await expect(refusal).toContainText(message);
	}
	await bob.page.goto('./#/bundle?url=fixtures/study.bundle');
	await startJudging(bob.page, 'rater-bob');
	await judgeTrials(bob.page, TRIALS, (index) => (index < 3 ? 'tie' : 'trained'));
	const bobFile = await exportJudgments(bob.page, 'rater-bob');

	// Nothing on the raters' side names a model, and they never called an API.
	for (const [rater, file] of [
		[ada, adaFile],
		[bob, bobFile]
	] as const) {
		expectNoneOf(await storageDump(rater.page), secrets, 'a rater’s storage');
		expectNoneOf(await pageSurface(rater.page), secrets, 'a rater’s page');
		expectNoneOf(file.text, secrets, 'a rater’s judgments file');
		expectNoneOf(rater.problems.console.join('\n'), secrets, 'a rater’s console');
		expect(rater.problems.errors).toEqual([]);
		expect(rater.offSite).toEqual([]);
	}

	// The researcher merges both files (twice: the second time adds nothing) and a stranger's.
	const merge = page.getByLabel('Merge rater files');
	await merge.setInputFiles([adaFile.path, bobFile.path]);
	const report = page.getByRole('table', { name: 'Merge report' });
	await expect(report.getByRole('row').filter({ hasText: 'rater-ada' })).toContainText(
		`${TRIALS}${TRIALS}00Merged`
	);
	await expect(report.getByRole('row').filter({ hasText: 'rater-bob' })).toContainText(
		`${TRIALS}${TRIALS}00Merged`
	);
	const foreign = adaFile.text.replaceAll('rater-ada', 'rater-eve');
	await merge.setInputFiles([
		{ name: 'again.json', mimeType: 'application/json', buffer: Buffer.from(adaFile.text) },
		{ name: 'foreign.json', mimeType: 'application/json', buffer: Buffer.from(foreign) }
	]);
	await expect(report.getByRole('row').filter({ hasText: 'again.json' })).toContainText(
		`rater-ada${TRIALS}0${TRIALS}0Merged`
	);
	await expect(report.getByRole('row').filter({ hasText: 'foreign.json' })).toContainText(
		'Refused: foreign.json fails its checksum'
	);

	// Every judgment resolved to the researcher's real endpoints: the careful model won.
	const stored = JSON.parse(await storageDump(page)) as unknown[];
	const judgments = (stored.at(stored.indexOf('judgments') + 1) ?? []) as {
		raterId: string;
		overall: string;
		winnerEndpointId: string | null;
		leftEndpointId: string;
		rightEndpointId: string;
	}[];
	const trainedId = /"id":"([^"]+)","label":"Quokka/.exec(JSON.stringify(researcherDb))?.[1];
	const byRater = (id: string) => judgments.filter((judgment) => judgment.raterId === id);
	expect(byRater('rater-ada').map((j) => j.winnerEndpointId)).toEqual(
		Array(TRIALS).fill(trainedId)
	);
	expect(byRater('rater-bob').filter((j) => j.winnerEndpointId === trainedId)).toHaveLength(17);
	expect(byRater('rater-bob').filter((j) => j.overall === 'tie')).toHaveLength(3);
	for (const judgment of judgments) {
		expect([judgment.leftEndpointId, judgment.rightEndpointId].sort()).toEqual(
			endpointIds?.map((match) => /"id":"([^"]+)"/.exec(match)?.[1]).sort()
		);
	}

	// Results read every judgment of both raters, against the real endpoints, with agreement.
	const studyId = /#\/studies\/([^/?]+)/.exec(page.url())?.[1] ?? '';
	await page.goto(`./#/results/${studyId}`);
	const comparison = page.getByRole('region', { name: 'Quokka trained vs Zephyr baseline' });
	await expect(comparison).toContainText('Trained vs baseline: better in 1, worse in 0');
	const overall = comparison.getByRole('row').filter({ hasText: 'Tag: reasoning' });
	// n, wins, ties, losses: 20 + 17 for the careful model, bob's 3 ties, no loss.
	for (const [index, value] of ['40', '37', '3', '0'].entries())
		await expect(overall.getByRole('cell').nth(index)).toHaveText(value);
	await expect(comparison).toContainText(`${TRIALS} prompts judged by 2 raters`);
	await expect(comparison).toContainText("Cohen's kappa");
	const perRater = page.getByRole('table', { name: 'Per rater' });
	for (const rater of ['rater-ada', 'rater-bob'])
		await expect(perRater.getByRole('row', { name: new RegExp(rater) })).toContainText(
			`${rater}${TRIALS}0`
		);

	await ada.context.close();
	await bob.context.close();
});
