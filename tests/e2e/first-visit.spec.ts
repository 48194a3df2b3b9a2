// A first visit, whatever area it opens: the first screen says what the app is and starts the demo
// in one click, and the built-in suite is in the library before the Prompts area is ever opened.
import { test, expect } from './fixtures';

test('the first screen says what the app is and starts the demo in one click', async ({
	page,
	problems: _problems
}) => {
	await page.goto('./');
	await expect(page.getByText(/Trait Arena compares two language models blind/)).toBeVisible();
	await page.getByRole('button', { name: 'Try the demo study' }).click();
	await expect(page.getByRole('heading', { name: 'Trial 1 of 12' })).toBeVisible();
});

test('a new study offers the built-in suite on a first visit that starts in Studies', async ({
	page,
	problems: _problems
}) => {
	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await page
		.getByRole('combobox', { name: 'Prompt set' })
		.selectOption({ label: 'Trait Arena core suite' });
	await expect(page.getByText('109 prompt items selected')).toBeVisible();
});

test('the live arena offers the built-in suite on a first visit', async ({
	page,
	problems: _problems
}) => {
	await page.goto('./#/studies');
	await page.getByRole('link', { name: 'Live arena' }).click();
	await page.getByRole('searchbox', { name: 'Search the library' }).fill('ear infection');
	await expect(
		page
			.getByRole('combobox', { name: 'Library prompt' })
			.getByRole('option', { name: /^My 3-year-old has an ear infection/ })
	).toBeAttached();
});
