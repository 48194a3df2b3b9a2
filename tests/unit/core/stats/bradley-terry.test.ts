import { describe, expect, it } from 'vitest';
import {
	bradleyTerry,
	fitBradleyTerry,
	mleExists,
	winMatrix,
	type PairOutcome,
	type PairwiseComparison
} from '$lib/core/stats';
import { seededRandom } from '$lib/core/random/prng';

let itemCounter = 0;
function games(a: string, b: string, outcome: PairOutcome, count: number): PairwiseComparison[] {
	return Array.from({ length: count }, () => ({ itemId: `item-${itemCounter++}`, a, b, outcome }));
}

/** Σ_j n_ij · p_i / (p_i + p_j): the expected score the likelihood equations equate to W_i. */
function expectedScores(comparisons: PairwiseComparison[], players: string[], strength: number[]) {
	const s = new Map(players.map((player, index) => [player, strength[index] ?? Number.NaN]));
	const expected = new Map(players.map((player) => [player, 0]));
	const observed = new Map(players.map((player) => [player, 0]));
	for (const { a, b, outcome } of comparisons) {
		const pa = s.get(a) ?? 0;
		const pb = s.get(b) ?? 0;
		expected.set(a, (expected.get(a) ?? 0) + pa / (pa + pb));
		expected.set(b, (expected.get(b) ?? 0) + pb / (pa + pb));
		const scoreA = outcome === 'a' ? 1 : outcome === 'tie' ? 0.5 : 0;
		observed.set(a, (observed.get(a) ?? 0) + scoreA);
		observed.set(b, (observed.get(b) ?? 0) + 1 - scoreA);
	}
	return { expected, observed };
}

describe('Bradley–Terry fit', () => {
	it('two players, 3 wins of 4: the MLE strength ratio is 3 (p̂ = 3/4 = p1/(p1+p2))', () => {
		const data = [...games('x', 'y', 'a', 3), ...games('x', 'y', 'b', 1)];
		const fit = fitBradleyTerry(data, { prior: 0 });
		expect(fit.players).toEqual(['x', 'y']);
		const [x = 0, y = 0] = fit.strength;
		expect(x / y).toBeCloseTo(3, 9);
		expect(Math.sqrt(x * y)).toBeCloseTo(1, 12);
		expect((fit.elo[0] ?? 0) - (fit.elo[1] ?? 0)).toBeCloseTo(400 * Math.log10(3), 6);
		expect(fit.converged).toBe(true);
	});

	it('counts a tie as half a win to each side', () => {
		const data = [...games('x', 'y', 'a', 2), ...games('x', 'y', 'tie', 2)];
		const [x = 0, y = 0] = fitBradleyTerry(data, { prior: 0 }).strength;
		// x scores 3 of 4 → ratio 3, as before.
		expect(x / y).toBeCloseTo(3, 9);
	});

	it('solves the likelihood equations for three players (expected = observed wins)', () => {
		const data = [
			...games('a', 'b', 'a', 7),
			...games('a', 'b', 'b', 3),
			...games('b', 'c', 'a', 6),
			...games('b', 'c', 'b', 4),
			...games('b', 'c', 'tie', 2),
			...games('a', 'c', 'a', 5),
			...games('a', 'c', 'b', 1)
		];
		const fit = fitBradleyTerry(data, { prior: 0 });
		const { expected, observed } = expectedScores(data, fit.players, fit.strength);
		for (const player of fit.players) {
			expect(Math.abs((expected.get(player) ?? 0) - (observed.get(player) ?? 0))).toBeLessThan(
				1e-6
			);
		}
		expect(fit.elo[0]).toBeGreaterThan(fit.elo[1] ?? Infinity);
		expect(fit.elo[1]).toBeGreaterThan(fit.elo[2] ?? Infinity);
	});

	it('anchors the Elo scale on a chosen player', () => {
		const data = [...games('base', 'new', 'b', 3), ...games('base', 'new', 'a', 1)];
		const fit = fitBradleyTerry(data, { prior: 0, anchor: 'base' });
		expect(fit.elo[fit.players.indexOf('base')]).toBeCloseTo(1000, 9);
		expect(fit.elo[fit.players.indexOf('new')]).toBeCloseTo(1000 + 400 * Math.log10(3), 6);
		expect(() => fitBradleyTerry(data, { anchor: 'nobody' })).toThrow(RangeError);
	});

	it('refuses a maximum-likelihood fit that does not exist, and the prior keeps it finite', () => {
		const data = [...games('a', 'b', 'a', 3), ...games('b', 'c', 'a', 2)];
		expect(mleExists(winMatrix(data))).toBe(false);
		expect(() => fitBradleyTerry(data, { prior: 0 })).toThrow(RangeError);
		const fit = fitBradleyTerry(data);
		expect(fit.elo.every(Number.isFinite)).toBe(true);
		expect(fit.elo[0]).toBeGreaterThan(fit.elo[1] ?? Infinity);
		expect(fit.elo[1]).toBeGreaterThan(fit.elo[2] ?? Infinity);
	});

	it('with the prior solves the likelihood equations of the data plus the virtual ties', () => {
		const data = [...games('a', 'b', 'a', 3), ...games('b', 'c', 'a', 2)];
		const fit = fitBradleyTerry(data, { prior: 2, anchor: 'a' });
		// Refit with the virtual games written out: one tie per unit of prior against a
		// reference player; its strength is free here, so compare strength ratios only.
		const augmented = [
			...data,
			...['a', 'b', 'c'].flatMap((player) => games(player, 'ref', 'tie', 2))
		];
		const plain = fitBradleyTerry(augmented, { prior: 0, anchor: 'ref' });
		const ratio = (f: typeof fit, i: string, j: string) =>
			(f.strength[f.players.indexOf(i)] ?? 0) / (f.strength[f.players.indexOf(j)] ?? 1);
		expect(ratio(fit, 'b', 'a')).toBeCloseTo(ratio(plain, 'b', 'a'), 8);
		expect(ratio(fit, 'c', 'a')).toBeCloseTo(ratio(plain, 'c', 'a'), 8);
	});

	it('builds the win matrix: wins[i][j] = times i beat j, ties symmetric', () => {
		const data = [
			...games('b', 'a', 'a', 2),
			...games('a', 'b', 'a', 1),
			...games('a', 'c', 'tie', 3)
		];
		const matrix = winMatrix(data);
		expect(matrix.players).toEqual(['a', 'b', 'c']);
		expect(matrix.wins).toEqual([
			[0, 1, 0],
			[2, 0, 0],
			[0, 0, 0]
		]);
		expect(matrix.ties[0]?.[2]).toBe(3);
		expect(matrix.ties[2]?.[0]).toBe(3);
	});
});

describe('Bradley–Terry bootstrap', () => {
	const data = [
		...games('a', 'b', 'a', 30),
		...games('a', 'b', 'b', 20),
		...games('b', 'c', 'a', 28),
		...games('b', 'c', 'b', 22),
		...games('a', 'c', 'a', 33),
		...games('a', 'c', 'b', 17),
		...games('a', 'c', 'tie', 5)
	];

	it('is reproducible from the seed and brackets the point estimate', () => {
		const first = bradleyTerry(data, { random: seededRandom('bt', 1) });
		const again = bradleyTerry(data, { random: seededRandom('bt', 1) });
		expect(again.interval).toEqual(first.interval);
		expect(first.resamples).toBe(200);
		expect(first.failedResamples).toBe(0);
		first.elo.forEach((elo, index) => {
			const interval = first.interval[index];
			expect(interval?.lower).toBeLessThan(elo);
			expect(interval?.upper).toBeGreaterThan(elo);
		});
		expect(first.winMatrix.wins[0]?.[1]).toBe(30);
	});

	it('resamples whole prompts: every draw of prompt 0 repeats all its votes', () => {
		// Prompt 'p0' holds 3 a-wins and 1 b-win; with random() ≡ 0 each resample is N copies of
		// it (prompts are drawn in id order, p0 first), so a's rating is that of a 3:1 record.
		const clustered: PairwiseComparison[] = [
			...games('a', 'b', 'a', 3).map((c) => ({ ...c, itemId: 'p0' })),
			...games('a', 'b', 'b', 1).map((c) => ({ ...c, itemId: 'p0' })),
			...games('a', 'b', 'b', 6).map((c, index) => ({ ...c, itemId: `q-${index}` }))
		];
		const result = bradleyTerry(clustered, { random: () => 0, resamples: 5, prior: 0 });
		const expectedGap = 400 * Math.log10(3);
		const gapLower = (result.interval[0]?.lower ?? 0) - (result.interval[1]?.lower ?? 0);
		expect(gapLower).toBeCloseTo(expectedGap, 6);
	});

	it('skips and counts resamples without a fit when the prior is 0', () => {
		const sparse = [...games('a', 'b', 'a', 2), ...games('a', 'b', 'b', 1)];
		const result = bradleyTerry(sparse, { random: seededRandom('sparse'), prior: 0 });
		expect(result.failedResamples).toBeGreaterThan(0);
		expect(result.failedResamples).toBeLessThan(200);
	});
});
