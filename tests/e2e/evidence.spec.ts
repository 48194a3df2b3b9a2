// Evidence a researcher can trust: one verdict per trial and rater even with two tabs open, and a
// database the browser deleted is reported, never silently replaced.
import type { Page } from '@playwright/test';
import type { Judgment } from '../../src/lib/core/schema';
import { readStore, seedStudy, startJudging, type SeedEndpoint } from './arena-seed';
import { test, expect } from './fixtures';

const ENDPOINTS: [SeedEndpoint, SeedEndpoint] = [
	{ id: 'ep-one', label: 'One', model: 'one', baseURL: 'http://one.invalid/v1', role: 'baseline' },
	{ id: 'ep-two', label: 'Two', model: 'two', baseURL: 'http://two.invalid/v1', role: 'trained' }
];

async function seedFour(page: Page, studyId: string): Promise<void> {
	await seedStudy(page, {
		studyId,
		name: 'Evidence study',
		endpoints: ENDPOINTS,
		items: Array.from({ length: 4 }, (_, index) => ({ turns: [`Item ${index + 1}?`] })),
		answer: (endpoint, index) => `Answer ${index + 1} from somebody.`
	});
}

async function judgeOne(page: Page, trial: number): Promise<void> {
	await expect(page.getByRole('heading', { name: `Trial ${trial} of 4` })).toBeVisible();
	await page.keyboard.press('3');
	await page.getByRole('radio', { name: /^Tie/ }).first().waitFor();
	for (const key of ['w', 's']) await page.keyboard.press(key);
	await page.keyboard.press('Enter');
}

test('a second tab of the same rater is told judging goes on elsewhere, can take over, and no trial gets two verdicts', async ({
	page,
	context,
	problems: _problems
}) => {
	await seedFour(page, 'two-tabs');
	await startJudging(page, 'two-tabs', 'rater-tabs');
	await judgeOne(page, 1);
	await expect(page.getByRole('heading', { name: 'Trial 2 of 4' })).toBeVisible();

	const second = await context.newPage();
	await second.goto('./#/arena/two-tabs');
	await expect(
		second.getByRole('heading', { name: 'Judging goes on in another tab' })
	).toBeVisible();
	await expect(second.getByRole('heading', { name: /^Trial \d of 4$/ })).toHaveCount(0);

	await second.getByRole('button', { name: 'Judge in this tab instead' }).click();
	await expect(second.getByRole('heading', { name: 'Trial 2 of 4' })).toBeVisible();
	// The first tab no longer shows the trial, so it cannot answer it a second time.
	await expect(page.getByRole('heading', { name: 'Judging goes on in another tab' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Trial 2 of 4' })).toHaveCount(0);

	await second.bringToFront();
	await judgeOne(second, 2);
	await expect(second.getByRole('heading', { name: 'Trial 3 of 4' })).toBeVisible();
	const judgments = await readStore<Judgment>(second, 'judgments');
	const mine = judgments.filter((judgment) => judgment.studyId === 'two-tabs');
	expect(mine).toHaveLength(2);
	expect(new Set(mine.map((judgment) => judgment.trialId)).size).toBe(2);
});

test('a database the browser deleted is reported with what was lost, and nothing is installed over it until the user says so', async ({
	page,
	context,
	problems: _problems
}) => {
	await seedFour(page, 'lost-study');
	await startJudging(page, 'lost-study', 'rater-lost');
	await judgeOne(page, 1);
	await expect(page.getByRole('heading', { name: 'Trial 2 of 4' })).toBeVisible();

	// The browser clears the site's IndexedDB (a full disk); localStorage is left as it was. A
	// blank page of the same origin deletes the database while no app tab holds it open.
	await page.close();
	const blank = await context.newPage();
	await blank.route('**/blank-for-test.html', (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' })
	);
	await blank.goto('./blank-for-test.html');
	await blank.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.deleteDatabase('trait-arena');
				request.onsuccess = () => resolve();
				request.onerror = () => reject(request.error);
			})
	);

	await blank.goto('./#/arena');
	const notice = blank.getByRole('alertdialog', {
		name: 'This browser has deleted Trait Arena’s data'
	});
	await expect(notice).toBeVisible();
	await expect(notice).toContainText('1 study, 1 judgment and 2 endpoints');
	await expect(blank.getByLabel('Your rater ID')).toHaveCount(0);
	// Still reported after a reload: nothing (not even the demo) was written over the loss.
	await blank.reload();
	await expect(notice).toBeVisible();
	expect(await readStore(blank, 'studies')).toEqual([]);

	await notice.getByRole('button', { name: 'Start afresh' }).click();
	await expect(notice).toHaveCount(0);
	await expect(blank.getByLabel('Your rater ID')).toBeVisible();
});
