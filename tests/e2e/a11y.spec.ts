// Raters may use screen readers, magnifiers or only a keyboard for an hour at a time: axe-core
// must find no serious or critical violation on the judging view, in each of its states.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => ({
			id: violation.id,
			help: violation.help,
			nodes: violation.nodes.map((node) => node.target.join(' '))
		}));
}

test('the start form and the judging view have no serious or critical accessibility violation', async ({
	page,
	problems: _problems
}) => {
	await page.goto('./');
	await expect(page.getByLabel('Your rater ID')).toBeVisible();
	await expect(page.getByRole('combobox', { name: 'Study' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByLabel('Your rater ID').fill('rater-a11y');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Trial 1 of 12' })).toBeVisible();
	await expect(page.getByRole('region', { name: /^Left response/ }).first()).toContainText(/\w{3}/);
	expect(await seriousViolations(page)).toEqual([]);

	// With choices made, the skip panel open, the help overlay and the reveal.
	await page.keyboard.press('1');
	await page.keyboard.press('q');
	await page.keyboard.press('p');
	await expect(page.getByLabel('Reason for skipping')).toBeFocused();
	expect(await seriousViolations(page)).toEqual([]);
	await page.keyboard.press('Escape');
	await page.keyboard.press('?');
	await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.keyboard.press('Escape');
	for (const group of await page
		.getByRole('group', { name: /which response shows it better/ })
		.all()) {
		await group.getByRole('radio', { name: 'Left' }).check();
	}
	await page.getByRole('button', { name: /Submit/ }).click();
	await expect(page.getByRole('region', { name: 'Revealed' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});
