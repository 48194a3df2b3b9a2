import { describe, expect, it } from 'vitest';
import { fitLogistic, lengthBias, sigmoid, wilsonInterval, type LengthVote } from '$lib/core/stats';

function votes(outcome: LengthVote['outcome'], trained: number, baseline: number, count: number) {
	return Array.from({ length: count }, (): LengthVote => ({
		outcome,
		trainedLength: trained,
		baselineLength: baseline
	}));
}

const logit = (p: number) => Math.log(p / (1 - p));

// Two length groups make the logistic model saturated, so the maximum-likelihood fit has a
// closed form: each group's fitted rate is its observed rate. x = ±1/3 for 200 vs 100 chars.
// Shorter trained answers: 4 wins, 6 losses (0.4); longer: 12 wins, 3 losses (0.8).
const TWO_GROUPS = [
	...votes('win', 100, 200, 4),
	...votes('loss', 100, 200, 6),
	...votes('win', 200, 100, 12),
	...votes('loss', 200, 100, 3)
];

describe('length bias', () => {
	it('counts how often the longer answer wins a decisive vote', () => {
		const { longer } = lengthBias([
			...TWO_GROUPS,
			...votes('win', 150, 150, 5),
			...votes('tie', 1, 9, 3)
		]);
		// Longer won: the 6 baseline wins of group 1 and the 12 trained wins of group 2.
		expect(longer.n).toBe(25);
		expect(longer.longerWins).toBe(18);
		expect(longer.share).toBe(18 / 25);
		expect(longer.interval).toEqual(wilsonInterval(18, 25));
		// R: binom.test(18, 25)$p.value = 0.04328525
		expect(longer.pValue).toBeCloseTo(0.04328525, 7);
	});

	it('reads the length-controlled win rate off the intercept (saturated closed form)', () => {
		const { lengthControlled: lc } = lengthBias(TWO_GROUPS);
		const l1 = logit(0.4);
		const l2 = logit(0.8);
		expect(lc.converged).toBe(true);
		expect(lc.n).toBe(25);
		expect(lc.rawWinRate).toBe(16 / 25);
		expect(lc.intercept).toBeCloseTo((l1 + l2) / 2, 9);
		expect(lc.lengthCoefficient).toBeCloseTo((l2 - l1) / (2 / 3), 9);
		expect(lc.winRate).toBeCloseTo(sigmoid((l1 + l2) / 2), 9);
		// Inverse information of a saturated model: Var(logit p̂_k) = 1 / (n_k p_k (1 − p_k)).
		const v1 = 1 / (10 * 0.4 * 0.6);
		const v2 = 1 / (15 * 0.8 * 0.2);
		expect(lc.interceptSE).toBeCloseTo(Math.sqrt(v1 + v2) / 2, 9);
		expect(lc.lengthCoefficientSE).toBeCloseTo(Math.sqrt(v1 + v2) / (2 / 3), 9);
		const margin = 1.959963984540054 * lc.interceptSE;
		expect(lc.interval.lower).toBeCloseTo(sigmoid(lc.intercept - margin), 12);
		expect(lc.interval.upper).toBeCloseTo(sigmoid(lc.intercept + margin), 12);
	});

	it('adds ties as half a win and half a loss when asked', () => {
		const withTies = [
			...TWO_GROUPS,
			...votes('tie', 100, 200, 10),
			...votes('both-bad', 100, 200, 7)
		];
		expect(lengthBias(withTies).lengthControlled.n).toBe(25);
		const { lengthControlled: lc } = lengthBias(withTies, { ties: 'half' });
		expect(lc.n).toBe(35);
		expect(lc.rawWinRate).toBe(21 / 35);
		// Group 1 becomes (4 + 5) of 20 = 0.45; still saturated.
		expect(lc.intercept).toBeCloseTo((logit(0.45) + logit(0.8)) / 2, 9);
	});

	it('reports no estimate under separation or without length spread', () => {
		const allWins = lengthBias([...votes('win', 100, 200, 5), ...votes('win', 300, 100, 5)]);
		expect(allWins.lengthControlled.converged).toBe(false);
		expect(allWins.lengthControlled.winRate).toBeNaN();
		const sameLength = lengthBias([...votes('win', 100, 100, 5), ...votes('loss', 100, 100, 3)]);
		expect(sameLength.lengthControlled.converged).toBe(false);
		expect(sameLength.longer.n).toBe(0);
		expect(sameLength.longer.share).toBeNaN();
		expect(lengthBias(votes('win', 0, 0, 3)).lengthControlled.n).toBe(0);
	});
});

describe('fitLogistic', () => {
	it('solves the score equations Σ w(y − μ) = Σ w(y − μ)x = 0', () => {
		const xs = [-0.5, -0.2, 0, 0.1, 0.3, 0.6];
		const data = xs.flatMap((x, index) => [
			{ x, y: 1 as const, weight: 1 + index },
			{ x, y: 0 as const, weight: 6 - index },
			{ x, y: 1 as const, weight: 0.5 }
		]);
		const fit = fitLogistic(data);
		expect(fit.converged).toBe(true);
		let g0 = 0;
		let g1 = 0;
		for (const { x, y, weight } of data) {
			const residual = weight * (y - sigmoid(fit.intercept + fit.slope * x));
			g0 += residual;
			g1 += residual * x;
		}
		expect(Math.abs(g0)).toBeLessThan(1e-9);
		expect(Math.abs(g1)).toBeLessThan(1e-9);
		expect(fit.slope).toBeGreaterThan(0);
	});
});
