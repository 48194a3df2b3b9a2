// Promise 5 on screen: the Results view shows the paper's headline, category tables with
// intervals and p-values, charts that read their numbers out, per-rater figures, position bias,
// Bradley–Terry ratings for three endpoints, the exclusions, and the power plan — the same
// figures the core analysis (and `npm run analyze`) computes for the imported file.
import { writeFileSync } from 'node:fs';
import { analyzeRecords } from '../../src/lib/core/analysis/analyze';
import { headlineText, percent, interval } from '../../src/lib/core/analysis/format';
import { exclusionText } from '../../src/lib/core/analysis/report-text';
import { buildJudgmentRecord } from '../../src/lib/core/codecs/judgment-record';
import { judgmentLine } from '../../src/lib/core/codecs/jsonl';
import { syntheticWorld, worldContexts } from '../unit/core/analysis/synthetic';
import { expect, test } from './fixtures';

const records = [
	...worldContexts(syntheticWorld({ judgments: 240, items: 24, endpoints: 3, trainedWins: 0.75 }))
].map(buildJudgmentRecord);
const [expected] = analyzeRecords(records);

test('an imported study reads as headline, tables, charts, raters and ratings with the core’s numbers', async ({
	page,
	problems
}, testInfo) => {
	if (!expected) throw new Error('no analysis');
	const file = testInfo.outputPath('synthetic.jsonl');
	writeFileSync(file, records.map(judgmentLine).join(''));
	await page.goto('./#/data');
	await page.getByLabel('Import judgments or backup').setInputFiles(file);
	await expect(page.getByRole('table', { name: /Merge report/ })).toBeVisible();

	await page.goto('./#/results/study-syn');
	const main = page.getByRole('main');
	await expect(main.getByRole('status').filter({ hasText: 'excluded by default' })).toContainText(
		exclusionText(expected).replace('excluded:', 'excluded by default:')
	);
	for (const comparison of expected.comparisons) {
		const section = main.getByRole('region', {
			name: `${comparison.a.label} vs ${comparison.b.label}`
		});
		await expect(section).toContainText(
			headlineText(comparison.a, comparison.b, comparison.summary.headline)
		);
		const truthfulness = comparison.summary.categories.find(
			(row) => row.category === 'trait:truthfulness'
		);
		if (!truthfulness) throw new Error('fixture lacks truthfulness');
		const row = section
			.getByRole('table', { name: 'By trait' })
			.getByRole('row', { name: /Trait: Truthfulness/ });
		await expect(row).toContainText(percent(truthfulness.winRate));
		await expect(row).toContainText(interval(truthfulness.interval));
		const chart = section.getByRole('img', { name: /^Win rate by trait:/ });
		await expect(chart).toHaveAttribute(
			'aria-label',
			new RegExp(`Truthfulness ${percent(truthfulness.winRate)}`)
		);
		await expect(section.getByRole('img', { name: /^Win rate by domain:/ })).toBeVisible();
		await expect(section.getByRole('table', { name: 'By trait × domain' })).toBeVisible();
		await expect(section).toContainText(`${comparison.power.needed} judgments per hypothesis`);
		await expect(section).toContainText('Not pre-registered');
		await expect(section.getByRole('region', { name: 'Watching while collecting' })).toBeVisible();
	}
	const raters = main.getByRole('table', { name: 'Per rater' });
	await expect(raters.getByRole('row')).toHaveCount(expected.raters.length + 1);
	const ratings = main.getByRole('table', {
		name: /^Bradley–Terry ratings \(Elo scale; 95% intervals/
	});
	await expect(ratings.getByRole('row')).toHaveCount(4);
	await expect(ratings.getByRole('row').nth(1)).toContainText(
		expected.ratings?.rows[0]?.endpoint.label ?? '?'
	);

	// The headline without one rater: every figure recomputed, and a way back.
	const rater = expected.raters[0]?.raterId ?? '?';
	const [withoutRater] = analyzeRecords(records, { excludeRaters: [rater] });
	const firstComparison = withoutRater?.comparisons[0];
	if (!firstComparison) throw new Error('no comparison without the rater');
	await raters.getByRole('button', { name: `Without ${rater}` }).click();
	await expect(main.getByRole('status').filter({ hasText: 'without rater' })).toContainText(rater);
	await expect(
		main.getByRole('region', { name: `${firstComparison.a.label} vs ${firstComparison.b.label}` })
	).toContainText(
		headlineText(firstComparison.a, firstComparison.b, firstComparison.summary.headline)
	);
	await expect(raters.getByRole('row')).toHaveCount(expected.raters.length);
	await main.getByRole('button', { name: 'Show all raters' }).click();
	await expect(raters.getByRole('row')).toHaveCount(expected.raters.length + 1);

	// Counting the leak-flagged trials changes what is counted, and says so.
	await page.getByLabel('Include leak-flagged trials').check();
	await expect(main.getByRole('status').filter({ hasText: 'excluded by default' })).toContainText(
		'0 leak-flagged'
	);
	expect(problems.errors).toEqual([]);
});

// A study bigger than one page of reads (2,000 judgments) is read a page at a time through the
// createdAt index, inside the Results view's live query: it must show the same numbers, and
// follow judgments that arrive from another tab.
const large = [...worldContexts(syntheticWorld({ judgments: 6300, items: 120 }))].map(
	buildJudgmentRecord
);
const [firstPart, whole] = [analyzeRecords(large.slice(0, 6000))[0], analyzeRecords(large)[0]];

test('a 6,000-judgment study reads whole in the Results view, and follows judgments merged in another tab', async ({
	page,
	context,
	problems
}, testInfo) => {
	if (!firstPart || !whole) throw new Error('no analysis');
	const first = testInfo.outputPath('first.jsonl');
	const rest = testInfo.outputPath('rest.jsonl');
	writeFileSync(first, large.slice(0, 6000).map(judgmentLine).join(''));
	writeFileSync(rest, large.slice(6000).map(judgmentLine).join(''));
	await page.goto('./#/data');
	await page.getByLabel('Import judgments or backup').setInputFiles(first);
	await expect(page.getByRole('table', { name: /Merge report/ })).toBeVisible({ timeout: 30_000 });

	await page.goto('./#/results/study-syn');
	const exclusions = page
		.getByRole('main')
		.getByRole('status')
		.filter({ hasText: 'excluded by default' });
	await expect(exclusions).toContainText(
		exclusionText(firstPart).replace('excluded:', 'excluded by default:')
	);

	const other = await context.newPage();
	await other.goto('./#/data');
	await other.getByLabel('Import judgments or backup').setInputFiles(rest);
	await expect(other.getByRole('table', { name: /Merge report/ })).toBeVisible();
	await expect(exclusions).toContainText(
		exclusionText(whole).replace('excluded:', 'excluded by default:')
	);
	expect(problems.errors).toEqual([]);
});
