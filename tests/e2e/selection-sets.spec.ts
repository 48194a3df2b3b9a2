// "Save selection as a set" in a real browser: a researcher filters the demo items in the study
// editor, leaves one out, saves the rest as a named set, and a new study that picks the set lists
// exactly those items; the Prompts library shows the set with its count, and a set saved from the
// library's filter works the same way. Empty selections and clashing names are refused.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const DEMO_SET = 'Demo items (illustrative)';

async function openNewStudy(page: Page): Promise<void> {
	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New study' })).toBeVisible();
}

function reviewList(page: Page) {
	return page.getByRole('list', { name: 'Selected prompt items' });
}

async function reviewedItems(page: Page): Promise<string[]> {
	await page.getByText('Review the items (untick one to leave it out)').click();
	const boxes = reviewList(page).getByRole('checkbox');
	await expect(boxes.first()).toBeVisible();
	// Each item's first turn, as its checkbox's label reads it.
	return reviewList(page)
		.getByRole('listitem')
		.evaluateAll((items) =>
			items.map((item) => item.querySelector('label')?.textContent?.trim() ?? '')
		);
}

test('a researcher saves a filtered selection, less one item, as a set and builds a study on it', async ({
	page
}) => {
	await page.goto('./');
	await expect(page.getByRole('button', { name: 'Start judging' })).toBeVisible();
	await openNewStudy(page);
	const save = page.getByRole('button', { name: 'Save selection as a set' });
	const setName = page.getByRole('textbox', { name: 'Name of the new set' });
	const selected = (count: number) => page.getByText(`${count} prompt items selected`);

	await page.getByRole('combobox', { name: 'Prompt set' }).selectOption({ label: DEMO_SET });
	await page
		.getByRole('combobox', { name: 'Trait', exact: true })
		.selectOption({ label: 'Truthfulness' });
	await page.getByRole('combobox', { name: 'Tag' }).selectOption('calibration');
	await page.getByRole('combobox', { name: 'Domain' }).selectOption('health');
	await expect(selected(0)).toBeVisible();
	await expect(save).toBeDisabled();
	await expect(
		page.getByText('No prompt items are selected, so there is nothing to save as a set.')
	).toBeVisible();
	await page.getByRole('combobox', { name: 'Tag' }).selectOption('');
	await page.getByRole('combobox', { name: 'Domain' }).selectOption('');
	await expect(selected(5)).toBeVisible();

	const all = await reviewedItems(page);
	expect(all).toHaveLength(5);
	const left = all[2] ?? '';
	await reviewList(page).getByRole('checkbox', { name: left }).uncheck();
	await expect(selected(4)).toBeVisible();
	const kept = all.filter((text) => text !== left);

	await setName.fill(` ${DEMO_SET.toUpperCase()} `);
	await save.click();
	await expect(page.getByRole('alert').filter({ hasText: 'already exists' })).toHaveText(
		`A prompt set named “${DEMO_SET}” already exists: choose another name.`
	);
	await setName.fill('  Truthful four ');
	await save.click();
	await expect(page.getByText('Saved the prompt set “Truthful four” with 4 items.')).toBeVisible();

	await openNewStudy(page);
	await page.getByRole('combobox', { name: 'Prompt set' }).selectOption({ label: 'Truthful four' });
	await expect(selected(4)).toBeVisible();
	expect((await reviewedItems(page)).sort()).toEqual([...kept].sort());
	await page.getByRole('textbox', { name: 'Study name' }).fill('On the saved set');
	await page.getByRole('checkbox', { name: 'Demo baseline (illustrative)' }).check();
	await page.getByRole('checkbox', { name: 'Demo trained (illustrative)' }).check();
	await page.getByRole('button', { name: 'Create study' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('On the saved set');
	await expect(page.getByRole('region', { name: 'Summary' })).toContainText('4 × 1 repeat');

	await page.goto('./#/prompts');
	await page.getByRole('combobox', { name: 'Prompt set' }).selectOption({ label: 'Truthful four' });
	const count = page.getByRole('status').filter({ hasText: /^\d[\d,]* items?/ });
	await expect(count).toHaveText('4 items');
	const listed = page.getByRole('list', { name: 'Prompt items' }).getByRole('listitem');
	await expect(listed).toHaveCount(4);

	// From the library: every item its filter matches becomes the set.
	await page.getByRole('combobox', { name: 'Prompt set' }).selectOption({ label: DEMO_SET });
	await page.getByRole('combobox', { name: 'Domain' }).selectOption('health');
	await expect(count).toHaveText(/^\d+ items?$/);
	const health = (await count.innerText()).split(' ')[0];
	await page.getByRole('textbox', { name: 'Name of the new set' }).fill('Health picks');
	await page.getByRole('button', { name: 'Save selection as a set' }).click();
	await expect(
		page.getByText(`Saved the prompt set “Health picks” with ${health} items.`)
	).toBeVisible();
	await page.getByRole('combobox', { name: 'Domain' }).selectOption('');
	await page.getByRole('combobox', { name: 'Prompt set' }).selectOption({ label: 'Health picks' });
	await expect(count).toHaveText(`${health} items`);
});
