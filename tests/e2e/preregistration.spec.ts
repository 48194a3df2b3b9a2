// Pre-registration through the UI: a researcher locks the study's primary hypotheses before the
// first judgment and sees them with the lock time and hash; the lock cannot be redone.
import { test, expect } from './fixtures';

test('a researcher locks the primary hypotheses before any judgment, with time and hash', async ({
	page,
	problems
}) => {
	await page.goto('./');
	await expect(page.getByRole('button', { name: 'Start judging' })).toBeVisible();
	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await page.getByRole('textbox', { name: 'Study name' }).fill('Registered study');
	await page.getByRole('checkbox', { name: 'Demo baseline (illustrative)' }).check();
	await page.getByRole('checkbox', { name: 'Demo trained (illustrative)' }).check();
	await page
		.getByRole('combobox', { name: 'Prompt set' })
		.selectOption({ label: 'Demo items (illustrative)' });
	await page.getByRole('button', { name: 'Create study' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registered study');

	const panel = page.getByRole('region', { name: 'Primary hypotheses' });
	const hypotheses = panel.getByRole('group', { name: 'Hypotheses' });
	await expect(hypotheses.getByRole('checkbox', { name: 'Trait: Truthfulness' })).toBeChecked();
	await hypotheses.getByRole('checkbox', { name: 'Overall' }).check();
	await expect(panel.getByRole('status')).toContainText('judgments per compared pair');
	await panel.getByRole('button', { name: 'Lock hypotheses' }).click();

	await expect(panel).toContainText(/Locked \d{4}-\d\d-\d\d \d\d:\d\d UTC, hash [0-9a-z]{22}/);
	await expect(panel.getByRole('listitem').filter({ hasText: 'Overall' })).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Lock hypotheses' })).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('region', { name: 'Primary hypotheses' })).toContainText('Locked');
	expect(problems.errors).toEqual([]);
});
