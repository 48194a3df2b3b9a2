import { describe, expect, it } from 'vitest';
import {
	exactBinomialPower,
	normalSampleSize,
	rejectionRegion,
	signTestSampleSize
} from '$lib/core/stats';
import { choose, ratio } from './exact-oracle';

/**
 * Exact power of the two-sided sign test at α = 1/20 against p1 = 3/5, in integers only: x is
 * rejected iff 2·Σ_{i ≤ min(x, n−x)} C(n, i) / 2ⁿ ≤ 1/20 (x ≠ n/2), and the power is
 * Σ_rejected C(n, x)·3^x·2^(n−x) / 5ⁿ.
 */
function oraclePower(n: number): number {
	const row = Array.from({ length: n + 1 }, (_, i) => choose(n, i));
	const tails: bigint[] = [];
	let running = 0n;
	for (const coefficient of row) tails.push((running += coefficient));
	let power = 0n;
	for (let x = 0; x <= n; x++) {
		if (2 * x === n) continue;
		const tail = tails[Math.min(x, n - x)] ?? 0n;
		if (40n * tail <= 2n ** BigInt(n)) {
			power += (row[x] ?? 0n) * 3n ** BigInt(x) * 2n ** BigInt(n - x);
		}
	}
	return ratio(power, 5n ** BigInt(n));
}

describe('sample size for the sign test', () => {
	it('normal formula: p1 = 0.6, α = 0.05, power 0.8 → 193.85, i.e. 194', () => {
		// ((1.959964·0.5 + 0.841621·√0.24) / 0.1)² = 193.847
		expect(normalSampleSize(0.6)).toBeCloseTo(193.847, 2);
		expect(signTestSampleSize({ p1: 0.6 }).normalApproximation).toBe(194);
	});

	it('exact search: the smallest n whose exact power reaches 0.8, checked n by n', () => {
		const result = signTestSampleSize({ p1: 0.6 });
		expect(result.method).toBe('exact');
		expect(Math.abs(result.n - 194)).toBeLessThan(20);
		expect(result.achievedPower).toBeGreaterThanOrEqual(0.8);
		expect(result.achievedPower).toBeCloseTo(oraclePower(result.n), 10);
		for (let n = 1; n < result.n; n++) expect(oraclePower(n)).toBeLessThan(0.8);
	});

	it('exact power agrees with integer arithmetic, saw-tooth and all', () => {
		for (const n of [10, 57, 120, 121, 122, 199, 200]) {
			expect(exactBinomialPower(n, 0.6)).toBeCloseTo(oraclePower(n), 10);
		}
	});

	it('finds the rejection region of binom.test (n = 10: reject 0, 1, 9, 10 at α = 0.05)', () => {
		// binom.test(1, 10)$p.value = 0.02148 ≤ 0.05 < binom.test(2, 10)$p.value = 0.1094
		expect(rejectionRegion(10, 0.5, 0.05)).toEqual({ lower: 1, upper: 9 });
		expect(rejectionRegion(5, 0.5, 0.05)).toEqual({ lower: -1, upper: 6 });
	});

	it('handles p1 below p0, another p0 and α, and small effects in reasonable time', () => {
		const below = signTestSampleSize({ p1: 0.4 });
		expect(below.n).toBe(signTestSampleSize({ p1: 0.6 }).n);
		const other = signTestSampleSize({ p1: 0.85, p0: 0.7, alpha: 0.01, power: 0.9 });
		expect(other.achievedPower).toBeGreaterThanOrEqual(0.9);
		expect(exactBinomialPower(other.n - 1, 0.85, { p0: 0.7, alpha: 0.01 })).toBeLessThan(0.9);
		const start = performance.now();
		const small = signTestSampleSize({ p1: 0.52 });
		expect(performance.now() - start).toBeLessThan(2000);
		expect(small.n / small.normalApproximationRaw).toBeGreaterThan(0.95);
		expect(small.n / small.normalApproximationRaw).toBeLessThan(1.05);
		expect(small.method).toBe('exact');
		expect(() => signTestSampleSize({ p1: 0.5 })).toThrow(RangeError);
	});

	it('falls back to the normal approximation for tiny effects', () => {
		const tiny = signTestSampleSize({ p1: 0.505 });
		expect(tiny.method).toBe('normal');
		expect(tiny.n).toBe(tiny.normalApproximation);
		expect(tiny.achievedPower).toBeGreaterThan(0.75);
		expect(tiny.achievedPower).toBeLessThan(0.85);
		const forced = signTestSampleSize({ p1: 0.6, exactLimit: 100 });
		expect(forced).toMatchObject({ method: 'normal', n: 194 });
	});
});
