// The rater's first hour: keys that never change meaning, a choice that is always in sight, a
// heading that does not run ahead of the reveal, messages in the rater's words, and an edit that
// survives a reload made the instant after it.
import type { Page } from '@playwright/test';
import { seedStudy, startJudging, type SeedEndpoint } from './arena-seed';
import { test, expect } from './fixtures';

const FIG: SeedEndpoint = {
	id: 'fig-endpoint',
	label: 'Fig endpoint',
	model: 'fig-model',
	baseURL: 'http://fig.invalid/v1',
	role: 'baseline'
};
const PLUM: SeedEndpoint = {
	id: 'plum-endpoint',
	label: 'Plum endpoint',
	model: 'plum-model',
	baseURL: 'http://plum.invalid/v1',
	role: 'trained'
};

const TRAIT_GROUP = /: (which response shows it better\?|not asked for this item)$/;

async function traitGroupNames(page: Page): Promise<string[]> {
	const groups = await page.getByRole('group', { name: TRAIT_GROUP }).all();
	return Promise.all(
		groups.map(
			async (group) =>
				(await group.getAttribute('aria-label')) ?? (await group.locator('legend').innerText())
		)
	);
}

test('a trait keeps its keys and its row in every trial, and a missing answer is named by its label', async ({
	page,
	problems: _problems
}) => {
	await seedStudy(page, {
		studyId: 'steady-keys',
		name: 'Steady keys',
		endpoints: [FIG, PLUM],
		items: [
			{ turns: ['First question'], traits: ['epistemic-humility', 'truthfulness'] },
			{ turns: ['Second question'], traits: ['truthfulness', 'well-being'] },
			{ turns: ['Third question'], traits: ['well-being', 'epistemic-humility'] }
		],
		answer: (endpoint, index) => `${endpoint.model} answer ${index + 1}`
	});
	await startJudging(page, 'steady-keys', 'rater-steady');

	const humility = page.getByRole('group', { name: /^Epistemic humility: which response/ });
	for (let trial = 1; trial <= 3; trial++) {
		await expect(page.getByRole('heading', { name: `Trial ${trial} of 3` })).toBeVisible();
		// Same rows, same order, whatever the item probes.
		const names = await traitGroupNames(page);
		expect(names.map((name) => name.split(':')[0])).toEqual([
			'Truthfulness',
			'Epistemic humility',
			'Concern for well-being'
		]);
		const asksHumility = (await humility.count()) === 1;
		await page.keyboard.press('3');
		if (asksHumility) {
			// The second row's keys answer Epistemic humility, in every trial that asks it.
			await page.keyboard.press('a');
			await expect(humility.getByRole('radio', { name: 'Left', exact: true })).toBeChecked();
			await page.keyboard.press('Enter');
			const alert = page.getByRole('alert');
			await expect(alert).toHaveText(
				/^Answer every trait question \((Truthfulness|Concern for well-being)\)\.$/
			);
		} else {
			// Its keys do nothing where it is not asked: they never fall to another trait.
			await page.keyboard.press('a');
			await page.keyboard.press('s');
			await expect(page.getByRole('radio', { checked: true })).toHaveCount(1);
			await page.keyboard.press('Enter');
			await expect(page.getByRole('alert')).toHaveText(
				'Answer every trait question (Truthfulness, Concern for well-being).'
			);
		}
		for (const group of await page
			.getByRole('group', { name: /which response shows it better\?$/ })
			.all()) {
			await group.getByRole('radio', { name: 'Tie', exact: true }).check();
		}
		await page.keyboard.press('Enter');
	}
	await expect(
		page.getByRole('heading', { name: 'All 3 trials judged. Thank you!' })
	).toBeVisible();
});

test('a choice made by key is visible at once, even with the form far below long answers', async ({
	page,
	problems: _problems
}) => {
	await page.setViewportSize({ width: 1366, height: 768 });
	const long = (endpoint: SeedEndpoint, turn: number) =>
		Array.from(
			{ length: 12 },
			(_, k) => `${endpoint.model} paragraph ${k + 1} of turn ${turn + 1}.`
		).join('\n\n');
	await seedStudy(page, {
		studyId: 'long-answers',
		name: 'Long answers',
		endpoints: [FIG, PLUM],
		items: [
			{ turns: ['Opening question', 'Are you sure?', 'Really sure?'], traits: ['truthfulness'] }
		],
		answer: (endpoint, _index, turn) => long(endpoint, turn)
	});
	await startJudging(page, 'long-answers', 'rater-long');
	const overall = page.getByRole('group', { name: 'Overall, which response is better?' });
	await expect(overall).not.toBeInViewport();

	await page.keyboard.press('2');
	await page.keyboard.press('e');
	const choice = page.getByRole('status', { name: 'Your choice' });
	await expect(choice).toBeInViewport();
	await expect(choice).toContainText('Overall: Left better');
	await expect(choice).toContainText('Truthfulness: Right');
});

test('the heading names the revealed trial until the rater moves on', async ({
	page,
	problems: _problems
}) => {
	await seedStudy(page, {
		studyId: 'reveal-heading',
		name: 'Reveal heading',
		endpoints: [FIG, PLUM],
		items: [{ turns: ['One'] }, { turns: ['Two'] }],
		answer: (endpoint, index) => `${endpoint.model} on ${index + 1}`,
		revealPolicy: 'after-vote'
	});
	await startJudging(page, 'reveal-heading', 'rater-reveal');
	await page.getByRole('radio', { name: 'Tie', exact: true }).first().check();
	for (const group of await page
		.getByRole('group', { name: /which response shows it better\?$/ })
		.all()) {
		await group.getByRole('radio', { name: 'Tie', exact: true }).check();
	}
	await page.getByRole('button', { name: /^Submit/ }).click();
	await expect(page.getByRole('heading', { name: 'Revealed' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Trial 1 of 2' })).toBeVisible();
	await page.getByRole('button', { name: /^Next trial/ }).click();
	await expect(page.getByRole('heading', { name: 'Trial 2 of 2' })).toBeVisible();
});

test('an edit made just before a reload is still there after it', async ({
	page,
	problems: _problems
}) => {
	await seedStudy(page, {
		studyId: 'instant-reload',
		name: 'Instant reload',
		endpoints: [FIG, PLUM],
		items: [{ turns: ['One'] }, { turns: ['Two'] }],
		answer: (endpoint, index) => `${endpoint.model} on ${index + 1}`
	});
	await startJudging(page, 'instant-reload', 'rater-instant');
	await page.keyboard.press('4');
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Trial 1 of 2' })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Right better', exact: true })).toBeChecked();

	await page.getByRole('radio', { name: 'Left much better', exact: true }).check();
	await page.getByLabel('Rationale (optional)').fill('changed my mind');
	await page.reload();
	await expect(page.getByRole('radio', { name: 'Left much better', exact: true })).toBeChecked();
	await expect(page.getByLabel('Rationale (optional)')).toHaveValue('changed my mind');
});
