import { describe, expect, it } from 'vitest';
import { judgeAgreement } from '$lib/core/analysis/judge-agreement';
import { clusteredKappa } from '$lib/core/stats/kappa-bootstrap';
import { seededRandom } from '$lib/core/random/prng';
import type { OverallChoice } from '$lib/core/schema';
import { record } from './records';

// Trained (A) sits on the left, so left = "A won" (w), right = "A lost" (l).
const W: OverallChoice = 'left-better';
const L: OverallChoice = 'right-better';
const T: OverallChoice = 'tie';

function trial(n: number, h1: OverallChoice, h2: OverallChoice, judge: OverallChoice) {
	const common = { trial: `t${n}`, item: `k${n}` };
	return [
		record({ ...common, overall: h1, rater: 'h1' }),
		record({ ...common, overall: h2, rater: 'h2' }),
		record({ ...common, overall: judge, rater: 'judge:ep-j', judge: 'ep-j' })
	];
}

describe('judge agreement, hand-computed', () => {
	// t1: w w | w   t2: w t | w   t3: l l | t   t4: t l | l   (humans | judge)
	const records = [
		...trial(1, W, W, W),
		...trial(2, W, T, W),
		...trial(3, L, L, T),
		...trial(4, T, L, L)
	];
	const [result] = judgeAgreement(records);
	const overall = result?.categories.find((category) => category.category === 'overall');

	it('judge vs the human majority (trials without a majority left out)', () => {
		// Majorities: t1 w, t3 l (t2 and t4 are split). Pairs (w,w), (t,l).
		expect(overall?.withTies.vsMajority.n).toBe(2);
		expect(overall?.withTies.vsMajority.agreement.mean).toBeCloseTo(0.5, 12);
		// p_o = 1/2, p_e = ½·½ = 1/4 → κ = 1/3.
		expect(overall?.withTies.vsMajority.kappa.kappa).toBeCloseTo(1 / 3, 12);
		// Without ties only (w,w) remains: agreement 1, kappa undefined (one label each).
		expect(overall?.withoutTies.vsMajority.n).toBe(1);
		expect(overall?.withoutTies.vsMajority.agreement.mean).toBe(1);
		expect(overall?.withoutTies.vsMajority.kappa.kappa).toBeNaN();
	});

	it('judge vs each human', () => {
		// 8 pairs, 4 agree; judge w4 t2 l2, humans w3 t2 l3 → p_e = 22/64, κ = 5/21.
		expect(overall?.withTies.vsEachHuman.n).toBe(8);
		expect(overall?.withTies.vsEachHuman.agreement.mean).toBeCloseTo(0.5, 12);
		expect(overall?.withTies.vsEachHuman.kappa.kappa).toBeCloseTo(5 / 21, 12);
		// Without ties: 4 pairs, all agree; w3 l1 on both sides → κ = 1.
		expect(overall?.withoutTies.vsEachHuman.n).toBe(4);
		expect(overall?.withoutTies.vsEachHuman.agreement.mean).toBe(1);
		expect(overall?.withoutTies.vsEachHuman.kappa.kappa).toBeCloseTo(1, 12);
	});

	it('human–human agreement on the same trials', () => {
		// (w,w) (w,t) (l,l) (t,l): 2 of 4; p_e = 5/16 → κ = 3/11.
		expect(overall?.withTies.humanHuman.agreement.mean).toBeCloseTo(0.5, 12);
		expect(overall?.withTies.humanHuman.kappa.kappa).toBeCloseTo(3 / 11, 12);
		expect(overall?.withoutTies.humanHuman.n).toBe(2);
		expect(overall?.withoutTies.humanHuman.kappa.kappa).toBeCloseTo(1, 12);
	});

	it('gives intervals clustered by item', () => {
		const figure = overall?.withTies.vsEachHuman;
		expect(figure?.items).toBe(4);
		expect(figure?.agreement.interval.lower).toBeLessThan(0.5);
		expect(figure?.agreement.interval.upper).toBeGreaterThan(0.5);
		expect(figure?.kappa.interval.lower).toBeLessThanOrEqual(5 / 21);
	});

	it('puts judge-only and human-only win rates side by side', () => {
		expect(result?.winRates).toHaveLength(1);
		// Judge: 1, 1, ½, 0 → 0.625. Humans: 1, 1, 0, ½ and 1, ½, 0, 0 → 0.5.
		expect(result?.winRates[0]?.judge.mean).toBeCloseTo(0.625, 12);
		expect(result?.winRates[0]?.human.mean).toBeCloseTo(0.5, 12);
	});

	it('counts position-inconsistent trials apart and leaves them out of agreement', () => {
		const inconsistent = record({
			trial: 't5',
			item: 'k5',
			overall: null,
			rater: 'judge:ep-j',
			judge: 'ep-j'
		});
		const [withIt] = judgeAgreement([
			...records,
			inconsistent,
			record({ trial: 't5', item: 'k5', overall: W, rater: 'h1' })
		]);
		expect(withIt?.judged).toBe(4);
		expect(withIt?.categories[0]?.withTies.vsEachHuman.n).toBe(8);
	});

	it('compares per trait as well as overall', () => {
		const traitRecords = [
			record({
				trial: 'u1',
				item: 'm1',
				overall: W,
				rater: 'h1',
				traitChoices: { truthfulness: 'left' }
			}),
			record({
				trial: 'u1',
				item: 'm1',
				overall: W,
				rater: 'judge:ep-j',
				judge: 'ep-j',
				traitChoices: { truthfulness: 'right' }
			})
		];
		const [traits] = judgeAgreement(traitRecords);
		const truthfulness = traits?.categories.find((c) => c.category === 'trait:truthfulness');
		expect(truthfulness?.withTies.vsEachHuman.n).toBe(1);
		expect(truthfulness?.withTies.vsEachHuman.agreement.mean).toBe(0);
	});
});

describe('clustered kappa', () => {
	it('resamples whole items: identical items give an interval of one point', () => {
		const pairs = ['a', 'b', 'c'].flatMap((itemId) => [
			{ itemId, a: 'x', b: 'x' },
			{ itemId, a: 'y', b: 'x' },
			{ itemId, a: 'y', b: 'y' }
		]);
		const result = clusteredKappa(pairs, seededRandom('test'));
		expect(result.interval.lower).toBeCloseTo(result.kappa, 12);
		expect(result.interval.upper).toBeCloseTo(result.kappa, 12);
		expect(result.items).toBe(3);
	});
});
