// The rater's promises: a whole study judged with the keyboard alone, a reload in the middle (even
// with a half-filled form) loses nothing, undo takes back exactly one judgment, and the database
// holds exactly the judgments given, each resolved to the endpoints whatever side they sat on.
// Each endpoint's answers carry a marker word, so the test can vote for one endpoint by content,
// as a rater would, without the page ever saying which is which.
import type { Page } from '@playwright/test';
import type { Judgment, Trial } from '../../src/lib/core/schema';
import { readStore, seedStudy, startJudging, type SeedEndpoint } from './arena-seed';
import { test, expect } from './fixtures';

const KIWI: SeedEndpoint = {
	id: 'kiwi-endpoint',
	label: 'Kiwi endpoint',
	model: 'kiwi-model',
	baseURL: 'http://kiwi.invalid/v1',
	role: 'baseline'
};
const MANGO: SeedEndpoint = {
	id: 'mango-endpoint',
	label: 'Mango endpoint',
	model: 'mango-model',
	baseURL: 'http://mango.invalid/v1',
	role: 'trained'
};

async function seedTenTrials(page: Page): Promise<void> {
	await seedStudy(page, {
		studyId: 'keyboard-study',
		name: 'Keyboard study',
		endpoints: [KIWI, MANGO],
		items: Array.from({ length: 10 }, (_, index) => ({
			turns: [`Question number ${index + 1}: is the sky blue?`]
		})),
		answer: (endpoint, index) =>
			`${endpoint === KIWI ? 'KIWIWORD' : 'MANGOWORD'} says something about question ${index + 1}.`
	});
}

interface Current {
	item: string;
	mangoLeft: boolean;
}

/** Which item is shown and on which side the MANGO answer sits, read from the page text. */
async function readTrial(page: Page): Promise<Current> {
	const left = page.getByRole('region', { name: 'Left response', exact: true });
	await expect(left).toContainText(/KIWIWORD|MANGOWORD/);
	const question = await page.getByText(/^Question number \d+/).textContent();
	const number = /Question number (\d+)/.exec(question ?? '')?.[1] ?? '?';
	return {
		item: `keyboard-study-item-${number}`,
		mangoLeft: ((await left.textContent()) ?? '').includes('MANGOWORD')
	};
}

async function expectDone(page: Page, done: number) {
	await expect(page.getByRole('progressbar', { name: 'Trials judged' })).toHaveAttribute(
		'aria-valuenow',
		String(done)
	);
}

test('a rater judges a 10-trial study with the keyboard only, reloads mid-form, undoes, and every judgment resolves to the right endpoints', async ({
	page,
	problems: _problems
}) => {
	test.setTimeout(120_000);
	await seedTenTrials(page);
	await startJudging(page, 'keyboard-study', 'rater-keys');
	await expectDone(page, 0);

	// Expected outcome per item: the winner endpoint (or null) and whether it was skipped.
	const expected = new Map<string, { winner: string | null; skip?: string; flagged?: boolean }>();

	for (let trial = 1; trial <= 10; trial++) {
		await expect(page.getByRole('heading', { name: `Trial ${trial} of 10` })).toBeVisible();
		const current = await readTrial(page);
		const mangoKey = current.mangoLeft ? '2' : '4';
		const traitKeys = current.mangoLeft ? ['q', 'a'] : ['e', 'd'];

		if (trial === 3) {
			// Half-fill the form, wait for the draft, reload: the choices come back.
			await page.keyboard.press(mangoKey);
			await page.keyboard.press(traitKeys[0] ?? '');
			await page.keyboard.press('m');
			await page.keyboard.press('1');
			await page.keyboard.press('n');
			await page.keyboard.type('Mango was clearer.');
			await page.keyboard.press('Escape');
			await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
			await page.reload();
			await expect(page.getByRole('heading', { name: 'Trial 3 of 10' })).toBeVisible();
			expect((await readTrial(page)).item).toBe(current.item);
			const overall = page.getByRole('group', { name: 'Overall, which response is better?' });
			await expect(
				overall.getByRole('radio', { name: current.mangoLeft ? 'Left better' : 'Right better' })
			).toBeChecked();
			await expect(page.getByLabel('Rationale (optional)')).toHaveValue('Mango was clearer.');
			await expect(
				page.getByRole('group', { name: 'Flags for the left response' }).getByRole('checkbox', {
					name: 'Harmful'
				})
			).toBeChecked();
			await page.keyboard.press(traitKeys[1] ?? '');
			await page.keyboard.press('Enter');
			expected.set(current.item, { winner: MANGO.id, flagged: true });
		} else if (trial === 5) {
			await page.keyboard.press('p');
			await expect(page.getByLabel('Reason for skipping')).toBeFocused();
			await page.keyboard.type('I cannot judge this topic');
			await page.keyboard.press('Enter');
			expected.set(current.item, { winner: null, skip: 'I cannot judge this topic' });
		} else if (trial === 7) {
			// Vote for KIWI, undo, and vote tie instead: only the tie must remain.
			await page.keyboard.press(current.mangoLeft ? '5' : '1');
			for (const key of traitKeys) await page.keyboard.press(key);
			await page.keyboard.press('Enter');
			await expectDone(page, 7);
			await page.keyboard.press('u');
			await expectDone(page, 6);
			await expect(page.getByRole('heading', { name: 'Trial 7 of 10' })).toBeVisible();
			expect((await readTrial(page)).item).toBe(current.item);
			await expect(
				page.getByRole('radio', {
					name: current.mangoLeft ? 'Right much better' : 'Left much better'
				})
			).toBeChecked();
			await page.keyboard.press('3');
			await page.keyboard.press('Enter');
			expected.set(current.item, { winner: null });
		} else {
			await page.keyboard.press(mangoKey);
			for (const key of traitKeys) await page.keyboard.press(key);
			await page.keyboard.press('Enter');
			expected.set(current.item, { winner: MANGO.id });
		}
		await expectDone(page, trial);
		if (trial === 8) {
			// A plain reload between trials resumes at the next one.
			await page.reload();
			await expect(page.getByRole('heading', { name: 'Trial 9 of 10' })).toBeVisible();
		}
	}
	await expect(
		page.getByRole('heading', { name: 'All 10 trials judged. Thank you!' })
	).toBeVisible();

	const judgments = await readStore<Judgment>(page, 'judgments');
	const trials = new Map((await readStore<Trial>(page, 'trials')).map((t) => [t.id, t]));
	expect(judgments).toHaveLength(10);
	expect(new Set(judgments.map((j) => j.trialId)).size).toBe(10);
	expect(new Set(judgments.map((j) => j.itemId))).toEqual(new Set(expected.keys()));
	for (const judgment of judgments) {
		const want = expected.get(judgment.itemId);
		const trial = trials.get(judgment.trialId);
		expect(judgment.raterId).toBe('rater-keys');
		expect(judgment.studyId).toBe('keyboard-study');
		expect(judgment.leftEndpointId).toBe(trial?.leftEndpointId);
		expect(judgment.rightEndpointId).toBe(trial?.rightEndpointId);
		expect(judgment.winnerEndpointId, judgment.itemId).toBe(want?.winner);
		expect(judgment.skipReason).toBe(want?.skip ?? null);
		expect(judgment.decisionMs).toBeGreaterThanOrEqual(0);
		if (want?.skip) expect(judgment.overall).toBeNull();
		else {
			const mangoSide = trial?.leftEndpointId === MANGO.id ? 'left' : 'right';
			const traitWinner = want?.winner === null ? undefined : mangoSide;
			if (traitWinner) {
				expect(judgment.traitChoices).toEqual({ truthfulness: traitWinner, fairness: traitWinner });
			}
		}
		if (want?.flagged) {
			expect(judgment.flags.left).toEqual(['harmful']);
			expect(judgment.rationale).toBe('Mango was clearer.');
		}
	}
	// Sides were really mixed: MANGO sat on both sides during the study.
	const mangoLeft = judgments.filter((j) => j.leftEndpointId === MANGO.id).length;
	expect(mangoLeft).toBe(5);
	expect(await readStore(page, 'drafts')).toEqual([]);
});

test('the key map is one keypress away and every control shows its key', async ({
	page,
	problems: _problems
}) => {
	await seedTenTrials(page);
	await startJudging(page, 'keyboard-study', 'rater-help');
	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(help).toBeVisible();
	await expect(help).toContainText('Undo the last judgment');
	await page.keyboard.press('Escape');
	await expect(help).toBeHidden();
	for (const [name, key] of [
		['Left much better', '1'],
		['Tie', '3'],
		['Both bad', '0']
	] as const) {
		const radio = page
			.getByRole('group', { name: 'Overall, which response is better?' })
			.getByRole('radio', { name, exact: true });
		await expect(radio).toHaveAttribute('aria-keyshortcuts', key);
	}
	await expect(page.getByRole('button', { name: /Submit/ })).toContainText('Enter');
	// Submitting without an answer says what is missing and stores nothing.
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alert')).toContainText('Choose which response is better overall');
	await expectDone(page, 0);
});
