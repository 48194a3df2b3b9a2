import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binomialProbability, binomialTest, logBinomialPmf, signTest } from '$lib/core/stats';
import { exactBinomialTest, pmfNumerators, ratio } from './exact-oracle';

describe('binomialTest', () => {
	it('matches R binom.test', () => {
		// R: binom.test(9, 10)$p.value = 0.02148438 (= 22/1024)
		expect(binomialTest(9, 10)).toBeCloseTo(22 / 1024, 14);
		// R: binom.test(7, 10)$p.value = 0.34375
		expect(binomialTest(7, 10)).toBeCloseTo(0.34375, 14);
		// R documentation example, ?binom.test: binom.test(682, 925, p = 0.75) → p-value = 0.3825
		expect(binomialTest(682, 925, 0.75)).toBeCloseTo(0.3825, 4);
		// The observed value at the mean is as likely as it gets: p = 1.
		expect(binomialTest(5, 10)).toBe(1);
		expect(binomialTest(3, 10, 0.3)).toBe(1);
	});

	it('keeps tiny p-values instead of underflowing (2 · 2^-1000 = 2^-999)', () => {
		expect(binomialTest(0, 1000) / 2 ** -999).toBeCloseTo(1, 10);
		expect(binomialTest(1000, 1000) / 2 ** -999).toBeCloseTo(1, 10);
	});

	it('agrees with exact rational arithmetic for any k, n ≤ 150 and several p', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 150 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.constantFrom([1, 2], [3, 10], [3, 4], [1, 10], [9, 10]),
				(n, share, [a, b]) => {
					const k = Math.round(share * n);
					const expected = exactBinomialTest(k, n, a ?? 1, b ?? 2);
					const actual = binomialTest(k, n, (a ?? 1) / (b ?? 2));
					expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-10 * expected + 1e-300);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('agrees with exact arithmetic at n = 3000 in the far tail', () => {
		for (const k of [1380, 1450, 1560]) {
			const expected = exactBinomialTest(k, 3000, 1, 2);
			expect(Math.abs(binomialTest(k, 3000) / expected - 1)).toBeLessThan(1e-9);
		}
		const expected = exactBinomialTest(1000, 3000, 3, 10);
		expect(Math.abs(binomialTest(1000, 3000, 0.3) / expected - 1)).toBeLessThan(1e-9);
	});

	it('handles n = 100,000 fast and close to the continuity-corrected normal approximation', () => {
		const start = performance.now();
		const p = binomialTest(50_400, 100_000);
		expect(performance.now() - start).toBeLessThan(50);
		// z = (400 − 0.5) / √(100000/4) = 2.52666…; 2·(1 − Φ(z)) = 0.011515
		expect(p).toBeCloseTo(0.011515, 4);
	});

	it('is symmetric around 0.5 and never above 1', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 5000 }), fc.nat(), (n, seed) => {
				const k = n === 0 ? 0 : seed % (n + 1);
				const p = binomialTest(k, n);
				expect(p).toBeLessThanOrEqual(1);
				expect(p).toBeGreaterThanOrEqual(0);
				expect(binomialTest(n - k, n)).toBe(p);
			})
		);
	});

	it('rejects impossible counts and probabilities', () => {
		expect(() => binomialTest(11, 10)).toThrow(RangeError);
		expect(() => binomialTest(1.5, 10)).toThrow(RangeError);
		expect(() => binomialTest(1, 10, 1)).toThrow(RangeError);
		expect(binomialTest(0, 0)).toBe(1);
	});
});

describe('binomial probabilities', () => {
	it('sum to one and match exact values', () => {
		expect(binomialProbability(100_000, 0.37, 0, 100_000)).toBeCloseTo(1, 12);
		const numerators = pmfNumerators(40, 3, 10);
		const denominator = 10n ** 40n;
		let lowTail = 0n;
		for (let x = 0; x <= 8; x++) lowTail += numerators[x] ?? 0n;
		expect(binomialProbability(40, 0.3, 0, 8) / ratio(lowTail, denominator)).toBeCloseTo(1, 11);
		expect(Math.exp(logBinomialPmf(12, 40, 0.3))).toBeCloseTo(
			ratio(numerators[12] ?? 0n, denominator),
			14
		);
		expect(binomialProbability(10, 0.5, 7, 3)).toBe(0);
	});
});

describe('signTest', () => {
	it('is the binomial test of wins against losses at 0.5', () => {
		expect(signTest(9, 1)).toBeCloseTo(22 / 1024, 14);
		expect(signTest(0, 0)).toBe(1);
		expect(signTest(30, 70)).toBe(binomialTest(30, 100));
	});
});
