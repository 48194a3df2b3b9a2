// A model judge beside the human raters, end to end on the mock server: a generated study, two
// human raters' votes already recorded, then the mock judge run over every trial in both orders.
// The judge must be blind (no model or endpoint name in what it is sent), its verdicts kept out of
// the human figures, and Results must show its agreement with the humans.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addEndpoint, createStudy, importPrompts } from './endpoint-helpers';
import { readStore, startJudging } from './arena-seed';
import { percent } from '../../src/lib/core/analysis/format';
import type { Judgment } from '../../src/lib/core/schema';

// Every mock-baseline answer opens with flattery; a rater who dislikes it prefers the other side.
const FLATTERY = /brilliant question|Great question|love this question|sharp question/;

async function voteAll(page: Page, studyId: string, raterId: string, contrarianEvery: number) {
	if (contrarianEvery === 0) await startJudging(page, studyId, raterId);
	else {
		// A second rater on the same browser; the reload lets go of the first rater's session.
		await page.goto('./#/arena');
		await page.reload();
		await page.getByLabel('Your rater ID').fill(raterId);
		await page.getByRole('combobox', { name: 'Study' }).selectOption({ label: 'Judge e2e study' });
		await page.getByRole('button', { name: 'Start judging' }).click();
		// The first rater's session may still hold this tab's lock for a moment after the reload.
		const takeOver = page.getByRole('button', { name: 'Judge in this tab instead' });
		const first = page.getByRole('heading', { name: 'Trial 1 of 20' });
		await expect(first.or(takeOver)).toBeVisible();
		if (await takeOver.isVisible()) await takeOver.click();
	}
	for (let trial = 1; trial <= 20; trial++) {
		await expect(page.getByRole('heading', { name: `Trial ${trial} of 20` })).toBeVisible();
		// Multi-turn items show one region per turn ("Left response, turn 1").
		const left = page.getByRole('region', { name: /^Left response/ }).first();
		await expect(left).not.toBeEmpty();
		const baselineLeft = FLATTERY.test((await left.textContent()) ?? '');
		const contrarian = contrarianEvery > 0 && trial % contrarianEvery === 0;
		await page.keyboard.press(baselineLeft !== contrarian ? '4' : '2');
		await page.keyboard.press('Enter');
	}
	await expect(page.getByRole('progressbar', { name: 'Trials judged' })).toHaveAttribute(
		'aria-valuenow',
		'20'
	);
}

test('a judge runs over a generated study in both orders and is compared with the human votes', async ({
	page,
	mockUrl,
	request
}) => {
	test.setTimeout(240_000);
	await importPrompts(page, 'Judge e2e');
	for (const [label, role, model] of [
		['Judge e2e baseline', 'baseline', 'mock-baseline'],
		['Judge e2e trained', 'trained', 'mock-trained'],
		['Judge e2e judge', 'trained', 'mock-judge']
	] as const) {
		await addEndpoint(page, {
			label,
			role,
			baseURL: mockUrl,
			model,
			key: `sk-${model}-0123456789`,
			remember: true
		});
	}
	await createStudy(
		page,
		'Judge e2e study',
		['Judge e2e baseline', 'Judge e2e trained'],
		'Judge e2e'
	);
	const studyUrl = page.url();
	const studyId = decodeURIComponent(/#\/studies\/([^/]+)$/.exec(studyUrl)?.[1] ?? '');

	const responses = page.getByRole('region', { name: 'Responses' });
	await responses.getByRole('button', { name: 'Generate responses' }).click();
	await expect(responses.getByRole('status')).toContainText('40 of 40 done · 0 failed', {
		timeout: 120_000
	});

	// Two humans: one always prefers the careful answer, the other disagrees on every 4th trial.
	await voteAll(page, studyId, 'rater-one', 0);
	await voteAll(page, studyId, 'rater-two', 4);

	await page.goto(studyUrl);
	const panel = page.getByRole('region', { name: 'Model judge' });
	await panel
		.getByRole('combobox', { name: 'Judge endpoint' })
		.selectOption({ label: 'Judge e2e judge' });
	await expect(panel).toContainText('20 of 20 trials to judge: 40 requests (both orders)');
	await panel.getByRole('button', { name: 'Run judge' }).click();
	await expect(panel.getByRole('status')).toContainText(
		'20 of 20 trials judged · 0 position-inconsistent · 0 failed · finished',
		{ timeout: 60_000 }
	);

	const humansFirst = panel.getByRole('checkbox', {
		name: /Human raters get the trials the judges doubt first/
	});
	await humansFirst.check();
	await page.reload();
	await panel
		.getByRole('combobox', { name: 'Judge endpoint' })
		.selectOption({ label: 'Judge e2e judge' });
	await expect(humansFirst).toBeChecked();

	// Both orders were sent, blinded: Answer A / Answer B, never a model or endpoint name.
	const recorded = (await (
		await request.get(`${mockUrl.replace(/\/v1$/, '')}/__control/requests`)
	).json()) as { method: string; body: { model?: string; messages?: { content: string }[] } }[];
	const judgeCalls = recorded.filter((call) => call.body?.model === 'mock-judge');
	expect(judgeCalls).toHaveLength(40);
	const sent = judgeCalls.map((call) => JSON.stringify(call.body.messages)).join('\n');
	expect(sent.includes('[Answer A]')).toBe(true);
	// (The prompt set is called "Judge e2e", so only the endpoint labels and models are names.)
	expect(/mock-baseline|mock-trained|e2e baseline|e2e trained/.test(sent)).toBe(false);
	const prompts = judgeCalls.map((call) => call.body.messages?.[0]?.content ?? '');
	expect(new Set(prompts).size).toBe(40);

	await page.goto(`./#/results/${studyId}`);
	const main = page.getByRole('main');
	// Human figures only: 40 human judgments, not 60.
	await expect(main.getByRole('status').filter({ hasText: 'excluded by default' })).toContainText(
		/^40 judgments/
	);
	const judges = main.getByRole('region', { name: 'Model judges and human raters' });
	await expect(judges).toContainText('Position consistency: 20 of 20 trials');
	const table = judges.getByRole('table', {
		name: 'Agreement of Judge e2e judge with the human raters'
	});
	// Expected figures from what was stored: the judge prefers the careful (trained) answer.
	const stored = await readStore<Judgment>(page, 'judgments');
	const byTrial = new Map<string, Record<string, string | null>>();
	for (const judgment of stored) {
		const entry = byTrial.get(judgment.trialId) ?? {};
		entry[judgment.raterKind === 'model' ? 'judge' : judgment.raterId] = judgment.winnerEndpointId;
		byTrial.set(judgment.trialId, entry);
	}
	const trials = [...byTrial.values()];
	expect(trials).toHaveLength(20);
	const agreed = trials.filter((t) => t['rater-one'] === t['rater-two']);
	expect(agreed.every((t) => t.judge === t['rater-one'])).toBe(true);
	const eachAgree = trials.reduce(
		(sum, t) => sum + Number(t.judge === t['rater-one']) + Number(t.judge === t['rater-two']),
		0
	);
	const row = (name: RegExp) => expect(table.getByRole('row', { name })).toBeVisible();
	await row(new RegExp(`^Overall Judge vs human majority ${agreed.length} 100\\.0% `));
	await row(
		new RegExp(`^Overall Judge vs each human 40 ${percent(eachAgree / 40).replace('.', '\\.')} `)
	);
	await row(
		new RegExp(`^Overall Human vs human 20 ${percent(agreed.length / 20).replace('.', '\\.')} `)
	);
	// The judge always picks the trained answer, as rater-one does: κ is 0 although agreement is
	// high — beyond chance there is nothing to agree on when one side always uses one label.
	await row(/^Overall Judge vs each human 40 \S+ \([^)]*\) 0\.00 /);
	await expect(
		judges.getByRole('table', {
			name: /Win rates: Judge e2e judge alone and the human raters alone/
		})
	).toContainText('100.0%');
	// A judge consistent on every trial doubts none: the humans' whole effort would be saved.
	await expect(judges).toContainText('the judges doubt 0');
	await expect(judges).toContainText('(0 of 40 human votes, 100.0% less human effort)');

	// Only when asked do the judge's verdicts count as votes.
	await page.getByRole('checkbox', { name: "Count model judges' verdicts as votes" }).check();
	await expect(main.getByRole('status').filter({ hasText: 'excluded by default' })).toContainText(
		/^60 judgments/
	);
});
