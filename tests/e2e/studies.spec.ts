// The studies area through the UI only: a researcher sets up a study (two endpoints, pairing,
// item filters, rubric, quality controls), finds it in the list, opens its page and can delete
// it. The demo's prompt set (installed when the app first opens the Arena) gives the filters
// traits, domains and tags to work with.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addEndpoint } from './endpoint-helpers';

const DEMO_SET = 'Demo items (illustrative)';

async function openNewStudy(page: Page): Promise<void> {
	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New study' })).toBeVisible();
}

async function withDemoLibrary(page: Page): Promise<void> {
	// Opening the app installs the no-key demo; its items then show up as a prompt set.
	await page.goto('./');
	await expect(page.getByRole('button', { name: 'Start judging' })).toBeVisible();
	await openNewStudy(page);
	await expect(
		page.getByRole('combobox', { name: 'Prompt set' }).getByRole('option', { name: DEMO_SET })
	).toBeAttached();
}

test('a researcher creates a study with two endpoints, filters and a rubric, and finds it listed', async ({
	page,
	mockUrl
}) => {
	await addEndpoint(page, {
		label: 'Studies baseline',
		role: 'baseline',
		baseURL: mockUrl,
		model: 'mock-baseline'
	});
	await addEndpoint(page, {
		label: 'Studies trained',
		role: 'trained',
		baseURL: mockUrl,
		model: 'mock-trained'
	});
	await withDemoLibrary(page);

	const selected = (count: number) => page.getByText(`${count} prompt items selected`);
	await page.getByRole('combobox', { name: 'Prompt set' }).selectOption({ label: DEMO_SET });
	await expect(selected(12)).toBeVisible();
	await page
		.getByRole('combobox', { name: 'Trait', exact: true })
		.selectOption({ label: 'Truthfulness' });
	await expect(selected(5)).toBeVisible();
	await page.getByRole('combobox', { name: 'Domain' }).selectOption('health');
	await expect(selected(2)).toBeVisible();
	await page.getByRole('combobox', { name: 'Tag' }).selectOption('calibration');
	await expect(selected(0)).toBeVisible();
	await page.getByRole('combobox', { name: 'Tag' }).selectOption('');
	await expect(selected(2)).toBeVisible();

	// A first attempt shows what is missing and writes nothing.
	await page.getByRole('button', { name: 'Create study' }).click();
	await expect(page.getByText('Give the study a name.')).toBeVisible();
	await expect(page.getByText('Choose at least two endpoints.')).toBeVisible();
	await expect(page).toHaveURL(/#\/studies\/new$/);

	await page.getByRole('textbox', { name: 'Study name' }).fill('Health truthfulness pilot');
	await page.getByRole('checkbox', { name: 'Studies baseline' }).check();
	await page.getByRole('checkbox', { name: 'Studies trained' }).check();
	await page.getByRole('radio', { name: 'Each endpoint against the baseline' }).check();
	await page
		.getByRole('combobox', { name: 'Baseline' })
		.selectOption({ label: 'Studies baseline' });
	await page.getByRole('spinbutton', { name: 'Repeats' }).fill('2');
	await page.getByRole('spinbutton', { name: 'Seed' }).fill('4242');
	await page
		.getByRole('combobox', { name: 'Per-trait questions' })
		.selectOption({ label: 'Ask only about the traits listed' });
	await page
		.getByRole('group', { name: 'Traits to ask about' })
		.getByRole('checkbox', { name: 'Truthfulness' })
		.check();
	await page.getByRole('checkbox', { name: 'Evasive' }).uncheck();
	await page.getByRole('combobox', { name: 'Rationale' }).selectOption({ label: 'Required' });
	await page.getByRole('textbox', { name: 'Rater instructions' }).fill('Prefer the honest answer.');
	await page.getByRole('spinbutton', { name: 'Swapped re-shows (% of trials)' }).fill('50');
	await page
		.getByRole('textbox', { name: /Identity-leak terms/ })
		.fill('Studies baseline\nStudies trained');
	await expect(page.getByText('Each rater will judge 6 trials.')).toBeVisible();
	await page.getByRole('button', { name: 'Create study' }).click();

	await expect(page).toHaveURL(/#\/studies\/[^/]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health truthfulness pilot');
	const summary = page.getByRole('region', { name: 'Summary' });
	await expect(summary).toContainText('Studies baseline (baseline)');
	await expect(summary).toContainText('2 × 2 repeats');
	await expect(summary).toContainText('4242');
	await expect(summary).toContainText('Truthfulness');
	await expect(summary).toContainText('harmful, refusal, factual-error, sycophantic');
	await expect(summary).toContainText('required');
	await expect(summary).toContainText('50% swapped re-shows, 2 leak term(s)');
	await expect(summary).toContainText('Prefer the honest answer.');
	await expect(page.getByRole('link', { name: 'Open in Arena' })).toHaveAttribute(
		'href',
		/^#\/arena\/[^/]+$/
	);

	await page.getByRole('link', { name: '← Studies' }).click();
	const row = page.getByRole('row').filter({ hasText: 'Health truthfulness pilot' });
	await expect(row).toContainText('Study');
	await expect(row.getByRole('cell').nth(4)).toHaveText('6');
	await row.getByRole('link', { name: 'Health truthfulness pilot' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health truthfulness pilot');
});

test('prompt items handed over from the library become the study items', async ({ page }) => {
	await page.goto('./');
	await expect(page.getByRole('button', { name: 'Start judging' })).toBeVisible();
	await page.goto('./#/prompts');
	await page.evaluate(() =>
		sessionStorage.setItem('trait-arena:new-study-items', JSON.stringify(['demo-03', 'demo-07']))
	);
	await page.goto('./#/studies/new');
	await expect(page.getByText('2 prompt items selected')).toBeVisible();
	await expect(page.getByText('Using the items chosen in the prompt library.')).toBeVisible();
	await page.getByRole('button', { name: 'Choose by filters instead' }).click();
	await expect(page.getByRole('combobox', { name: 'Prompt set' })).toBeVisible();
});

test('a study is deleted only after confirming, with everything it holds', async ({ page }) => {
	await withDemoLibrary(page);
	await page.getByRole('textbox', { name: 'Study name' }).fill('Throwaway study');
	await page.getByRole('checkbox', { name: 'Demo baseline (illustrative)' }).check();
	await page.getByRole('checkbox', { name: 'Demo trained (illustrative)' }).check();
	await page.getByRole('combobox', { name: 'Prompt set' }).selectOption({ label: DEMO_SET });
	await page.getByRole('button', { name: 'Create study' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Throwaway study');

	await page.getByRole('button', { name: 'Delete study' }).click();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Throwaway study');
	await page.getByRole('button', { name: 'Delete study' }).click();
	await page.getByRole('button', { name: 'Delete for good' }).click();
	await expect(page).toHaveURL(/#\/studies$/);
	await expect(page.getByRole('link', { name: 'Throwaway study' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: /Illustrative demo: baseline/ })).toBeVisible();
});
