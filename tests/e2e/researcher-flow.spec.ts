// The researcher's first hour: endpoint cards stay where they are, a new study picks the baseline
// endpoint by its role and lists its items for review, and Results opens on the study judged last.
import { seedStudy, startJudging } from './arena-seed';
import { test, expect } from './fixtures';
import { addEndpoint } from './endpoint-helpers';

test('an edited endpoint card keeps its place, and a new study takes the baseline by its role', async ({
	page,
	mockUrl,
	problems: _problems
}) => {
	for (const [label, role] of [
		['Flow trained', 'trained'],
		['Flow baseline', 'baseline'],
		['Flow third', 'trained']
	] as const) {
		await addEndpoint(page, { label, role, baseURL: mockUrl, model: `mock-${role}` });
	}
	const cards = page.getByRole('article').getByRole('heading', { level: 2 });
	const order = ['Flow trained', 'Flow baseline', 'Flow third'];
	await expect(cards).toHaveText(order);
	await page
		.getByRole('article', { name: 'Flow trained' })
		.getByRole('button', { name: 'Edit' })
		.click();
	await page.getByLabel('Temperature').fill('0.4');
	await page.getByRole('button', { name: 'Save endpoint' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved Flow trained.' })).toBeVisible();
	await expect(cards).toHaveText(order);

	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await page.getByRole('checkbox', { name: 'Flow trained' }).check();
	await page.getByRole('checkbox', { name: 'Flow baseline' }).check();
	await expect(
		page.getByRole('combobox', { name: 'Baseline' }).locator('option:checked')
	).toHaveText('Flow baseline');
});

test('the study editor lists its items, and one unticked is left out', async ({
	page,
	problems: _problems
}) => {
	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await page
		.getByRole('combobox', { name: 'Prompt set' })
		.selectOption({ label: 'Trait Arena core suite' });
	await expect(page.getByText('109 prompt items selected')).toBeVisible();
	await page.getByText('Review the items (untick one to leave it out)').click();
	const list = page.getByRole('list', { name: 'Selected prompt items' });
	await expect(list.getByRole('checkbox')).toHaveCount(50);
	await list.getByRole('checkbox').first().uncheck();
	await expect(page.getByText('108 prompt items selected')).toBeVisible();
	await page.getByRole('button', { name: 'Show more (50 of 109 shown)' }).click();
	await expect(list.getByRole('checkbox')).toHaveCount(100);
	await expect(list.getByRole('checkbox').first()).not.toBeChecked();
});

test('Results opens on the study judged last, not the demo', async ({
	page,
	problems: _problems
}) => {
	await seedStudy(page, {
		studyId: 'judged-last',
		name: 'Judged last',
		endpoints: [
			{ id: 'a-ep', label: 'A', model: 'a', baseURL: 'http://a.invalid/v1', role: 'baseline' },
			{ id: 'b-ep', label: 'B', model: 'b', baseURL: 'http://b.invalid/v1', role: 'trained' }
		],
		items: [
			{ turns: ['One'], traits: [] },
			{ turns: ['Two'], traits: [] }
		],
		answer: (endpoint, index) => `${endpoint.model} ${index}`
	});
	await startJudging(page, 'judged-last', 'rater-last');
	await page.keyboard.press('2');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Trial 2 of 2' })).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Results' })
		.click();
	await expect(page.getByRole('combobox', { name: 'Study' }).locator('option:checked')).toHaveText(
		'Judged last'
	);
});
