// The selective-persistence recipe end to end on the mock server, as a researcher would: two
// endpoints, the recipe fills the study (narrowed to the demo items), the proposed hypotheses are
// locked, answers are generated, every trial is judged with chosen verdicts and flags, and Results
// shows the headline and the persistence panel computed from exactly those verdicts.
import type { Page } from '@playwright/test';
import demo from '../../src/lib/demo/data/demo-study.json' with { type: 'json' };
import { test, expect } from './fixtures';
import { addEndpoint } from './endpoint-helpers';

const ARMS = ['harmful-steer', 'helpful-steer', 'pressure'] as const;
type Arm = (typeof ARMS)[number];

/** First words of each demo item's first turn, with the arm it belongs to. */
const ITEMS = demo.items
	.map((item) => ({
		snippet: (item.turns[0] ?? '').split(/\s+/).slice(0, 6).join(' '),
		arm: ARMS.find((arm) => item.tags.includes(arm))
	}))
	.filter((item): item is { snippet: string; arm: Arm } => item.arm !== undefined);

const BASELINE_OPENERS = /brilliant question|Great question!|I love this question|sharp question/;

/** A trained and a baseline endpoint on the mock server, labelled `<prefix> trained` and so on. */
async function addMockPair(page: Page, mockUrl: string, prefix: string): Promise<void> {
	for (const role of ['trained', 'baseline'] as const) {
		await addEndpoint(page, {
			label: `${prefix} ${role}`,
			role,
			baseURL: mockUrl,
			model: `mock-${role}`,
			key: `sk-${prefix.toLowerCase()}-${role}-0123456789`,
			remember: true
		});
	}
}

/** In the study editor: the demo's items, no per-trait questions, then create the study. */
async function createOnDemoItems(page: Page, items: number): Promise<void> {
	await page
		.getByRole('combobox', { name: 'Prompt set' })
		.selectOption({ label: 'Demo items (illustrative)' });
	await expect(page.getByText(`${items} prompt items selected`)).toBeVisible();
	await page.getByRole('combobox', { name: 'Per-trait questions' }).selectOption('none');
	await page.getByRole('button', { name: 'Create study' }).click();
}

/** On the study page: every answer generated, none failed. */
async function generateAll(page: Page, total: number, timeout: number): Promise<void> {
	const responses = page.getByRole('region', { name: 'Responses' });
	await responses.getByRole('button', { name: 'Generate responses' }).click();
	await expect(responses.getByRole('status')).toContainText(
		`${total} of ${total} done · 0 failed`,
		{ timeout }
	);
}

/** From the study page into the Arena as `raterId`. */
async function judgeAs(page: Page, raterId: string): Promise<void> {
	await page.getByRole('link', { name: 'Open in Arena' }).click();
	await page.getByLabel('Your rater ID').fill(raterId);
	await page.keyboard.press('Enter');
}

async function currentTrial(page: Page): Promise<{ arm: Arm; baselineLeft: boolean }> {
	// Single-turn trials name the region "Left response", multi-turn ones "Left response, turn 1".
	const left = page.getByRole('region', { name: /^Left response(, turn 1)?$/ });
	await expect(left).toContainText(/\w/);
	const text = (await page.locator('main').textContent()) ?? '';
	const normalised = text.replace(/\s+/g, ' ');
	const item = ITEMS.find((candidate) => normalised.includes(candidate.snippet));
	if (!item) throw new Error('the trial shows no known demo item');
	return { arm: item.arm, baselineLeft: BASELINE_OPENERS.test((await left.textContent()) ?? '') };
}

test('selective persistence: recipe, generation, judging and the persistence panel', async ({
	page,
	mockUrl,
	problems: _problems
}) => {
	test.setTimeout(180_000);
	// The first visit installs the demo, whose items the study uses.
	await page.goto('./');
	await expect(page.getByRole('button', { name: 'Start judging' })).toBeVisible();
	await addMockPair(page, mockUrl, 'Persist');

	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await page
		.getByRole('combobox', { name: 'Start from a design' })
		.selectOption({ label: 'Selective persistence' });
	await expect(page.getByRole('textbox', { name: 'Study name' })).toHaveValue(
		'Selective persistence'
	);
	await expect(page.getByRole('checkbox', { name: 'Persist trained' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Persist baseline' })).toBeChecked();
	const proposed = page.getByRole('group', { name: /Proposed primary hypotheses/ });
	for (const arm of ARMS)
		await expect(proposed.getByRole('checkbox', { name: `Tag: ${arm}` })).toBeChecked();
	await createOnDemoItems(page, ITEMS.length);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Selective persistence');

	const lock = page.getByRole('region', { name: 'Primary hypotheses' });
	for (const arm of ARMS)
		await expect(lock.getByRole('checkbox', { name: `Tag: ${arm}` })).toBeChecked();
	await lock.getByRole('button', { name: 'Lock hypotheses' }).click();
	await expect(lock).toContainText('Locked');

	await generateAll(page, ITEMS.length * 2, 90_000);
	await judgeAs(page, 'rater-persist');

	// Verdicts: trained better on every harmful-steer and pressure item, the baseline flagged
	// harmful / sycophantic there; on helpful-steer the first goes to trained, the second to the
	// baseline with trained flagged as refusing.
	let helpfulSeen = 0;
	for (let trial = 1; trial <= ITEMS.length; trial++) {
		await expect(
			page.getByRole('heading', { name: `Trial ${trial} of ${ITEMS.length}` })
		).toBeVisible();
		const { arm, baselineLeft } = await currentTrial(page);
		const trainedWins = arm !== 'helpful-steer' || helpfulSeen++ === 0;
		const trainedSide = baselineLeft ? 'right' : 'left';
		const baselineSide = baselineLeft ? 'left' : 'right';
		const winner = trainedWins ? trainedSide : baselineSide;
		await page
			.getByRole('group', { name: 'Overall, which response is better?' })
			.getByRole('radio', { name: winner === 'left' ? 'Left better' : 'Right better' })
			.check();
		const flag = {
			'harmful-steer': 'Harmful',
			pressure: 'Sycophantic',
			'helpful-steer': 'Refusal'
		}[arm];
		const flaggedSide =
			arm === 'helpful-steer' ? (trainedWins ? undefined : trainedSide) : baselineSide;
		if (flaggedSide)
			await page
				.getByRole('group', { name: `Flags for the ${flaggedSide} response` })
				.getByRole('checkbox', { name: flag })
				.check();
		await page.getByRole('button', { name: /^Submit/ }).click();
	}

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Results' })
		.click();
	await expect(
		page.getByText(/Trained vs baseline: better in 0, worse in 0, undecided in 3 of 3/)
	).toBeVisible();
	const panel = page.getByRole('region', { name: 'Selective persistence' });
	const arms = panel.getByRole('table', { name: /win rate of Persist trained per arm/ });
	await expect(arms.getByRole('row', { name: /harmful-steer/ })).toContainText('100.0%');
	await expect(arms.getByRole('row', { name: /helpful-steer/ })).toContainText('50.0%');
	await expect(arms.getByRole('row', { name: /pressure/ })).toContainText('100.0%');
	await expect(panel).toContainText('harmful-steer − helpful-steer win rate): +50.0 points');
	const failures = panel.getByRole('table', { name: /Failure rates per endpoint/ });
	const pressureItems = ITEMS.filter((item) => item.arm === 'pressure').length;
	const harmfulItems = ITEMS.filter((item) => item.arm === 'harmful-steer').length;
	const helpfulItems = ITEMS.filter((item) => item.arm === 'helpful-steer').length;
	await expect(
		failures.getByRole('row', { name: /Persist baseline Harmful compliance/ })
	).toContainText(`100.0%`);
	await expect(
		failures.getByRole('row', { name: /Persist baseline Harmful compliance/ })
	).toContainText(`${harmfulItems} of ${harmfulItems}`);
	await expect(failures.getByRole('row', { name: /Persist baseline Sycophancy/ })).toContainText(
		`${pressureItems} of ${pressureItems}`
	);
	await expect(failures.getByRole('row', { name: /Persist trained Over-refusal/ })).toContainText(
		`1 of ${helpfulItems}`
	);
	await expect(
		failures.getByRole('row', { name: /Persist trained Harmful compliance/ })
	).toContainText(`0 of ${harmfulItems}`);
});

const PERSONAS = [
	{ id: 'trained', opener: /careful take on|Good question about|Let me think through/ },
	{
		id: 'constitution',
		opener: /Guided by my constitution|My principles ask me to be honest and careful/
	},
	{ id: 'baseline', opener: BASELINE_OPENERS }
] as const;

async function personaOf(page: Page, side: 'Left' | 'Right'): Promise<number> {
	const region = page.getByRole('region', { name: new RegExp(`^${side} response(, turn 1)?$`) });
	await expect(region).toContainText(/\w/);
	const text = (await region.textContent()) ?? '';
	const index = PERSONAS.findIndex((persona) => persona.opener.test(text));
	if (index < 0) throw new Error(`no persona recognised on the ${side} side`);
	return index;
}

test('constitution contrast: three endpoints, a constitution prompt, the leak warning and the win matrix', async ({
	page,
	mockUrl,
	problems: _problems
}) => {
	test.setTimeout(240_000);
	await page.goto('./');
	await expect(page.getByRole('button', { name: 'Start judging' })).toBeVisible();
	await addMockPair(page, mockUrl, 'Contrast');
	// The constitution endpoint: the same kind of base model, steered by its system prompt, which
	// names the endpoint itself (a leak term the set-up must warn about).
	await page.goto('./#/endpoints');
	await page.getByRole('button', { name: 'Add endpoint' }).click();
	await page.getByLabel('Label', { exact: true }).fill('Okapi constitution');
	await page.getByLabel('Role', { exact: true }).selectOption('other');
	await page.getByLabel('Custom role').fill('constitution');
	await page.getByLabel('Base URL').fill(mockUrl);
	await page.getByLabel('Model').fill('mock-constitution');
	await page.getByLabel('API key', { exact: true }).fill('sk-contrast-const-0123456789');
	await page.getByLabel('Remember on this device').check();
	await page
		.getByLabel('System prompt (optional)')
		.fill('You are the Okapi constitution model. Be honest, caring and respectful.');
	await page
		.getByLabel('With an item’s own system message, send this prompt')
		.selectOption('separate');
	await page.getByRole('button', { name: 'Save endpoint' }).click();
	await expect(
		page.getByRole('heading', { name: 'Okapi constitution', exact: true })
	).toBeVisible();

	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await page
		.getByRole('combobox', { name: 'Start from a design' })
		.selectOption({ label: 'Constitution contrast' });
	for (const label of ['Contrast trained', 'Contrast baseline', 'Okapi constitution'])
		await expect(page.getByRole('checkbox', { name: label })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'All pairs' })).toBeChecked();
	await expect(page.getByRole('alert').filter({ hasText: 'leak term' })).toContainText(
		'Okapi constitution'
	);
	await createOnDemoItems(page, ITEMS.length);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Constitution contrast');

	const context = page.getByRole('region', { name: 'Context sent to each endpoint' });
	const sent = context.getByRole('list', { name: 'System messages sent to Okapi constitution' });
	await expect(sent.getByRole('listitem')).toHaveCount(2);
	await expect(sent.getByRole('listitem').first()).toContainText('You are the Okapi constitution');
	await expect(page.getByRole('region', { name: 'Identity leaks' })).toContainText(
		'The system prompt of Okapi constitution contains the leak term(s)'
	);

	await generateAll(page, ITEMS.length * 3, 120_000);

	// The constitution persona quotes its own prompt when an item has no steer of its own: those
	// answers name the endpoint, and the study page counts the trials that leaves out.
	const leaks = page.getByRole('region', { name: 'Identity leaks' });
	await expect(leaks.getByRole('row', { name: /^Okapi constitution/ })).not.toContainText(
		/^Okapi constitution\s*0 of/
	);
	await expect(leaks.getByRole('row', { name: /^Contrast baseline/ })).toContainText(/0 of \d+/);

	await judgeAs(page, 'rater-contrast');
	// Verdicts: trained over constitution over baseline, every time.
	const trials = ITEMS.length * 3;
	for (let trial = 1; trial <= trials; trial++) {
		await expect(page.getByRole('heading', { name: `Trial ${trial} of ${trials}` })).toBeVisible();
		const left = await personaOf(page, 'Left');
		const right = await personaOf(page, 'Right');
		await page
			.getByRole('group', { name: 'Overall, which response is better?' })
			.getByRole('radio', { name: left < right ? 'Left better' : 'Right better' })
			.check();
		await page.getByRole('button', { name: /^Submit/ }).click();
	}

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Results' })
		.click();
	await expect(page.getByRole('main').getByRole('status').first()).toContainText('leak-flagged');
	await expect(page.getByRole('region', { name: 'Flags and leaks' })).toContainText(
		/Left out as possible identity leaks[\s\S]*Okapi constitution \d+/
	);
	await page.getByRole('checkbox', { name: 'Include leak-flagged trials' }).check();
	const matrix = page.getByRole('region', { name: 'Win matrix' });
	const table = matrix.getByRole('table', { name: /Win rate of the row endpoint/ });
	// Columns in the study's order: trained, constitution, baseline.
	const cells = async (label: string) =>
		(
			await table
				.getByRole('row', { name: new RegExp(`^${label}`) })
				.getByRole('cell')
				.allTextContents()
		).map((text) => text.replace(/\s+/g, ' ').trim());
	const pct = (cell: string | undefined) => /^(\d+\.\d)%/.exec(cell ?? '')?.[1];
	// The analysis reruns in a worker after the tick, so the table is polled until it has settled.
	await expect
		.poll(async () => (await cells('Contrast trained')).map(pct))
		.toEqual([undefined, '100.0', '100.0']);
	await expect
		.poll(async () => (await cells('Contrast baseline')).map(pct))
		.toEqual(['0.0', '0.0', undefined]);
	await expect
		.poll(async () => (await cells('Okapi constitution')).map(pct))
		.toEqual(['0.0', undefined, '100.0']);
	await expect(matrix.getByRole('table', { name: /Bradley–Terry ratings/ })).toContainText(
		'Tag: harmful-steer'
	);
});

test('trait-trained vs baseline: the six traits are the locked family and the headline counts them', async ({
	page,
	mockUrl,
	problems: _problems
}) => {
	test.setTimeout(180_000);
	await page.goto('./');
	await expect(page.getByRole('button', { name: 'Start judging' })).toBeVisible();
	await addMockPair(page, mockUrl, 'Traits');
	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await page
		.getByRole('combobox', { name: 'Start from a design' })
		.selectOption({ label: 'Trait-trained vs baseline' });
	const items = demo.items.length;
	await createOnDemoItems(page, items);
	const lock = page.getByRole('region', { name: 'Primary hypotheses' });
	await expect(lock.getByRole('checkbox', { checked: true })).toHaveCount(6);
	await lock.getByRole('button', { name: 'Lock hypotheses' }).click();
	await expect(lock).toContainText('Locked');
	await generateAll(page, items * 2, 90_000);
	await judgeAs(page, 'rater-traits');
	for (let trial = 1; trial <= items; trial++) {
		await expect(page.getByRole('heading', { name: `Trial ${trial} of ${items}` })).toBeVisible();
		const left = page.getByRole('region', { name: /^Left response(, turn 1)?$/ });
		await expect(left).toContainText(/\w/);
		const baselineLeft = BASELINE_OPENERS.test((await left.textContent()) ?? '');
		await page
			.getByRole('group', { name: 'Overall, which response is better?' })
			.getByRole('radio', { name: baselineLeft ? 'Right better' : 'Left better' })
			.check();
		await page.getByRole('button', { name: /^Submit/ }).click();
	}
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Results' })
		.click();
	// Every verdict favours the trained model, but each trait has at most five demo prompts: the
	// exact sign test gives p ≥ 2/2⁵ = 0.0625 before Holm's α/6, so all six stay undecided, and
	// none reads as a loss.
	await expect(
		page.getByText('Trained vs baseline: better in 0, worse in 0, undecided in 6 of 6')
	).toBeVisible();
});
