import type { Interval } from './types';
import { Z_95 } from './special-functions';

/**
 * Wilson (1927) score interval for a proportion, as recommended by Newcombe (1998, method 3)
 * and computed by R's prop.test(correct = FALSE). `successes` may be fractional so ties can
 * count as half a win. No trials → the uninformative [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval {
	if (!(n >= 0) || !(successes >= 0) || successes > n) {
		throw new RangeError(`wilsonInterval needs 0 ≤ successes ≤ n, got ${successes} of ${n}`);
	}
	if (n === 0) return { lower: 0, upper: 1 };
	const p = successes / n;
	const z2 = z * z;
	const denominator = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denominator;
	const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	// At the edges the exact bound is 0 or 1; rounding must not move it past the estimate.
	return {
		lower: successes === 0 ? 0 : Math.max(0, Math.min(p, centre - half)),
		upper: successes === n ? 1 : Math.min(1, Math.max(p, centre + half))
	};
}
