import { describe, expect, it } from 'vitest';
import { analyzeRecords, analyzeStudy, swapPairs } from '$lib/core/analysis/analyze';
import {
	powerPlan,
	requiredDecisiveJudgments,
	requiredJudgments
} from '$lib/core/analysis/power-plan';
import { record } from './records';

describe('study analysis from records', () => {
	// Trained (A) vs baseline: 6 wins, 2 losses, 1 tie, 1 both bad on truthfulness × health.
	const main = [
		...Array.from({ length: 6 }, (_, i) =>
			record({
				overall: i % 2 ? 'left-better' : 'right-better',
				left: i % 2 ? 'ep-trained' : 'ep-baseline'
			})
		),
		record({ overall: 'left-better', left: 'ep-baseline' }),
		record({ overall: 'right-much-better', left: 'ep-trained' }),
		record({ overall: 'tie' }),
		record({ overall: 'both-bad' })
	];
	const excluded = [
		record({ overall: 'left-better', kind: 'attention', gold: 'left' }),
		record({ overall: 'right-better', kind: 'attention', gold: 'left' }),
		record({ overall: 'right-better', leak: true }),
		record({ overall: null })
	];
	const analysis = analyzeStudy([...main, ...excluded]);
	const comparison = analysis.comparisons[0];

	it('counts what it leaves out', () => {
		expect(analysis.counts).toEqual({
			judgments: 14,
			included: 10,
			skipped: 1,
			attention: 2,
			leakFlagged: 1,
			swaps: 0
		});
	});

	it('computes the category table with the stats layer: counts, win rate, interval, p', () => {
		expect(analysis.comparisons).toHaveLength(1);
		expect(comparison?.a.id).toBe('ep-trained');
		const trait = comparison?.summary.categories.find(
			(row) => row.category === 'trait:truthfulness'
		);
		expect(trait).toMatchObject({ n: 10, wins: 6, losses: 2, ties: 1, bothBad: 1, judged: 9 });
		expect(trait?.winRate).toBeCloseTo(6.5 / 9, 12);
		// Every vote is on one prompt: clustering by prompt leaves nothing to estimate a variance
		// from, so the default interval and test are undefined; the naive ones are not.
		expect(trait?.items).toBe(1);
		expect(trait?.interval.lower).toBeNaN();
		expect(trait?.pValue).toBeNaN();
		expect(trait?.naive.interval.lower).toBeLessThan(trait?.winRate ?? 0);
		expect(comparison?.summary.categories.map((row) => row.category)).toEqual([
			'domain:health',
			'trait:truthfulness',
			'trait×domain:truthfulness×health'
		]);
		// Not pre-registered: the family defaults to the traits present.
		expect(analysis.primary).toEqual(['trait:truthfulness']);
		expect(comparison?.summary.headline).toMatchObject({ total: 1, preregistered: false });
	});

	it('gives per-rater figures: count, median time, left-side rate, attention checks', () => {
		const rater = analysis.raters[0];
		expect(rater).toMatchObject({
			raterId: 'rater-ada',
			judgments: 14,
			skipped: 1,
			attentionPassed: 1,
			attentionTotal: 2
		});
		expect(rater?.medianDecisionMs).toBe(5000);
		// Decisive verdicts on counted trials: left chosen 4 times (3 alternating + 1), right 4.
		expect(rater?.positionBias).toMatchObject({ left: 4, right: 4 });
	});

	it('answers the per-trait questions separately from the overall verdict', () => {
		const withTraits = analyzeStudy([
			record({ overall: 'left-better', traitChoices: { truthfulness: 'right', fairness: 'left' } }),
			record({ overall: 'left-better', traitChoices: { truthfulness: 'tie' } })
		]);
		const answers = withTraits.comparisons[0]?.traitAnswers.categories;
		expect(answers?.map((row) => [row.category, row.wins, row.ties, row.losses])).toEqual([
			['trait:fairness', 1, 0, 0],
			['trait:truthfulness', 0, 1, 1]
		]);
	});

	it('pairs swap re-shows with the same rater’s original verdict', () => {
		const original = record({ overall: 'left-better', left: 'ep-trained', trial: 't-orig' });
		const consistent = record({
			overall: 'right-better',
			left: 'ep-baseline',
			kind: 'swap',
			swapOf: 't-orig',
			trial: 't-swap'
		});
		const flipped = record({
			overall: 'left-better',
			left: 'ep-baseline',
			kind: 'swap',
			swapOf: 't-orig',
			trial: 't-swap2'
		});
		const other = record({
			overall: 'left-better',
			left: 'ep-baseline',
			kind: 'swap',
			swapOf: 't-orig',
			rater: 'rater-bo'
		});
		expect(swapPairs([original, consistent, flipped, other])).toEqual([
			{ raterId: 'rater-ada', original: 'win', swapped: 'win' },
			{ raterId: 'rater-ada', original: 'win', swapped: 'loss' }
		]);
		const result = analyzeStudy([original, consistent, flipped]);
		expect(result.counts.swaps).toBe(2);
		expect(result.consistency.overall).toMatchObject({ pairs: 2, consistent: 1 });
		expect(result.raters[0]).toMatchObject({ swapPairs: 2, swapConsistent: 1 });
	});

	it('measures agreement on items judged by two raters', () => {
		const result = analyzeStudy([
			record({ overall: 'left-better', item: 'i1', rater: 'a' }),
			record({ overall: 'left-better', item: 'i1', rater: 'b' }),
			record({ overall: 'right-better', item: 'i2', rater: 'a' }),
			record({ overall: 'right-better', item: 'i2', rater: 'b' }),
			record({ overall: 'tie', item: 'i3', rater: 'a' }),
			record({ overall: 'left-better', item: 'i3', rater: 'b' })
		]);
		const agreement = result.comparisons[0]?.agreement;
		expect(agreement).toMatchObject({ sharedItems: 3, raters: 2 });
		expect(agreement?.kappa?.observed).toBeCloseTo(2 / 3, 12);
	});

	it('reports length bias: the longer answer’s share of decisive wins', () => {
		const result = analyzeStudy([
			record({ overall: 'left-better', leftAnswer: 'a much longer answer', rightAnswer: 'short' }),
			record({ overall: 'left-better', leftAnswer: 'long long long', rightAnswer: 'x' }),
			record({ overall: 'right-better', leftAnswer: 'longest of all here', rightAnswer: 'y' })
		]);
		expect(result.comparisons[0]?.lengthBias.longer).toMatchObject({ n: 3, longerWins: 2 });
	});

	it('fits Bradley–Terry only with more than two endpoints', () => {
		expect(analysis.ratings).toBeNull();
		const three = analyzeStudy(
			[
				record({ overall: 'left-better', left: 'ep-trained', right: 'ep-baseline', item: 'i1' }),
				record({ overall: 'left-better', left: 'ep-other', right: 'ep-baseline', item: 'i2' }),
				record({ overall: 'right-better', left: 'ep-other', right: 'ep-trained', item: 'i3' }),
				record({ overall: 'tie', left: 'ep-other', right: 'ep-trained', item: 'i4' })
			],
			{ resamples: 50 }
		);
		expect(three.comparisons).toHaveLength(3);
		expect(three.ratings?.rows.map((row) => row.endpoint.id)).toEqual([
			'ep-trained',
			'ep-other',
			'ep-baseline'
		]);
		expect(three.ratings?.rows.find((row) => row.endpoint.id === 'ep-baseline')?.elo).toBeCloseTo(
			1000,
			9
		);
		// Seeded: the same input gives the same intervals.
		const again = analyzeStudy(
			[
				record({ overall: 'left-better', left: 'ep-trained', right: 'ep-baseline', item: 'i1' }),
				record({ overall: 'left-better', left: 'ep-other', right: 'ep-baseline', item: 'i2' }),
				record({ overall: 'right-better', left: 'ep-other', right: 'ep-trained', item: 'i3' }),
				record({ overall: 'tie', left: 'ep-other', right: 'ep-trained', item: 'i4' })
			],
			{ resamples: 50 }
		);
		expect(again.ratings?.rows).toEqual(three.ratings?.rows);
	});

	it('groups records by study', () => {
		const studies = analyzeRecords([
			record({ overall: 'tie', study: 'b' }),
			record({ overall: 'tie', study: 'a' })
		]);
		expect(studies.map((entry) => entry.study.id)).toEqual(['a', 'b']);
	});
});

describe('power planning', () => {
	it('plans for Holm within the family and counts ties and the design effect', () => {
		const one = requiredDecisiveJudgments({ targetWinRate: 0.6, alpha: 0.05, power: 0.8 });
		const six = requiredDecisiveJudgments({ targetWinRate: 0.6, alpha: 0.05, power: 0.8 }, 6);
		expect(six).toBeGreaterThan(one);
		const plan = powerPlan(
			[
				{ category: 'trait:a', judged: 50 },
				{ category: 'trait:b', judged: 5000 }
			],
			{},
			{ designEffect: 2, tieRate: 0.25 }
		);
		expect(plan.familySize).toBe(2);
		expect(plan.testAlpha).toBe(0.025);
		expect(plan.needed).toBe(Math.ceil((2 * plan.decisive) / 0.75));
		expect(plan.rows).toEqual([
			{ category: 'trait:a', judged: 50, remaining: plan.needed - 50, progress: 50 / plan.needed },
			{ category: 'trait:b', judged: 5000, remaining: 0, progress: 1 }
		]);
		expect(plan).toMatchObject({ designEffectSource: 'data', tieRateSource: 'data' });
		const assumed = powerPlan([{ category: 'overall', judged: 0 }]);
		expect(assumed).toMatchObject({ designEffectSource: 'assumed', designEffect: 1.5 });
		expect(requiredJudgments({ targetWinRate: 0.7 })).toBeLessThan(requiredJudgments());
	});
});

describe('human and model verdicts', () => {
	const human = [
		record({ overall: 'left-better', item: 'k1' }),
		record({ overall: 'left-better', item: 'k2' })
	];
	const model = [
		record({ overall: 'right-better', item: 'k1', judge: 'ep-judge', rater: 'judge:ep-judge' }),
		record({ overall: 'right-better', item: 'k2', judge: 'ep-judge', rater: 'judge:ep-judge' })
	];

	it('leaves model verdicts out of human results unless asked', () => {
		const humans = analyzeStudy([...human, ...model]);
		expect(humans.counts.judgments).toBe(2);
		expect(humans.comparisons[0]?.summary.overall.wins).toBe(2);
		const judges = analyzeStudy([...human, ...model], { raterKind: 'model' });
		expect(judges.comparisons[0]?.summary.overall.losses).toBe(2);
		expect(analyzeStudy([...human, ...model], { raterKind: 'all' }).counts.judgments).toBe(4);
	});

	it('skips a study that holds only model verdicts', () => {
		expect(analyzeRecords(model)).toEqual([]);
		expect(analyzeRecords(model, { raterKind: 'model' })).toHaveLength(1);
	});
});
