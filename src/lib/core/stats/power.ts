// How many decisive judgments a study needs: the sample size of the exact two-sided sign
// (binomial) test that detects a true win probability p1 against p0 with the wanted power.
import { binomialProbability, binomialTest } from './binomial';
import { normalCdf } from './distributions';
import { normalQuantile } from './special-functions';

export interface PowerOptions {
	/** Null win probability; 0.5 for the sign test. */
	p0?: number;
	/** Two-sided significance level; default 0.05. */
	alpha?: number;
}

export interface SampleSizeOptions extends PowerOptions {
	/** The true win probability to detect, e.g. 0.6. */
	p1: number;
	/** Wanted power; default 0.8. */
	power?: number;
	/**
	 * Above this n the exact scan (which costs about n^1.5 in all) is skipped and the normal
	 * approximation returned, by then within a fraction of a percent; default 50,000.
	 */
	exactLimit?: number;
}

export interface SampleSize {
	/** Smallest n whose exact test reaches the power (method 'exact'), else the normal ⌈n⌉. */
	n: number;
	/** Exact power of the exact test at n, whichever method chose n. */
	achievedPower: number;
	method: 'exact' | 'normal';
	/** ⌈n⌉ of the normal approximation. */
	normalApproximation: number;
	/** The normal approximation before rounding up. */
	normalApproximationRaw: number;
}

function check(p1: number, p0: number, alpha: number): void {
	if (!(p0 > 0 && p0 < 1) || !(p1 > 0 && p1 < 1) || p1 === p0) {
		throw new RangeError(`need 0 < p0, p1 < 1 and p1 ≠ p0, got p0 = ${p0}, p1 = ${p1}`);
	}
	if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

/** Largest x in [lo, hi] where `accept` holds, given it holds on a prefix; lo − 1 if nowhere. */
function lastAccepted(
	lo: number,
	hi: number,
	accept: (x: number) => boolean,
	guess?: number
): number {
	if (guess !== undefined) {
		// Walk from a nearby guess: the scan over n moves each edge by a step or two at most.
		let x = Math.min(hi, Math.max(lo - 1, guess));
		while (x >= lo && !accept(x)) x--;
		while (x < hi && accept(x + 1)) x++;
		return x;
	}
	let found = lo - 1;
	while (lo <= hi) {
		const mid = Math.floor((lo + hi) / 2);
		if (accept(mid)) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found;
}

export interface RejectionRegion {
	/** Reject when x ≤ lower (−1: never on this side). */
	lower: number;
	/** Reject when x ≥ upper (n + 1: never on this side). */
	upper: number;
}

/**
 * The rejection region {x : binomialTest(x, n, p0) ≤ α} is two tails, because the p-value only
 * falls as x moves away from n·p0 on either side; each edge is found by bisection, or by a short
 * walk from `near` when a neighbouring n's region is known.
 */
export function rejectionRegion(
	n: number,
	p0: number,
	alpha: number,
	near?: RejectionRegion
): RejectionRegion {
	const mean = n * p0;
	const rejects = (x: number) => binomialTest(x, n, p0) <= alpha;
	const lower = lastAccepted(0, Math.ceil(mean) - 1, rejects, near?.lower);
	// Mirror the upper side (x ↦ n − x) so the same prefix search applies.
	const top = n - (Math.floor(mean) + 1);
	const mirrored = lastAccepted(
		0,
		top,
		(y) => rejects(n - y),
		near === undefined ? undefined : n - near.upper
	);
	return { lower, upper: n - mirrored };
}

function powerInRegion(n: number, p1: number, region: RejectionRegion): number {
	return Math.min(
		1,
		binomialProbability(n, p1, 0, region.lower) + binomialProbability(n, p1, region.upper, n)
	);
}

/** Power of the exact two-sided binomial test with n trials when the truth is p1. */
export function exactBinomialPower(n: number, p1: number, options: PowerOptions = {}): number {
	const { p0 = 0.5, alpha = 0.05 } = options;
	check(p1, p0, alpha);
	const { lower, upper } = rejectionRegion(n, p0, alpha);
	return Math.min(1, binomialProbability(n, p1, 0, lower) + binomialProbability(n, p1, upper, n));
}

/**
 * Normal approximation for one proportion (Lachin 1981, "Introduction to sample size
 * determination and power analysis for clinical trials", Control. Clin. Trials 2(2)):
 * n = ((z_{1−α/2}·√(p0q0) + z_{1−β}·√(p1q1)) / (p1 − p0))².
 */
export function normalSampleSize(
	p1: number,
	options: PowerOptions & { power?: number } = {}
): number {
	const { p0 = 0.5, alpha = 0.05, power = 0.8 } = options;
	check(p1, p0, alpha);
	const numerator =
		normalQuantile(1 - alpha / 2) * Math.sqrt(p0 * (1 - p0)) +
		normalQuantile(power) * Math.sqrt(p1 * (1 - p1));
	return (numerator / (p1 - p0)) ** 2;
}

/**
 * Power of the most powerful level-α test of p0 against p1 (Neyman–Pearson, randomised, one
 * tail). Every test of size ≤ α — our exact two-sided test included — has at most this power,
 * and it never falls as n grows (a test may ignore an observation), so it bounds the search.
 */
function neymanPearsonPower(n: number, p1: number, p0: number, alpha: number): number {
	// n − X ~ Binomial(n, 1 − p): the lower-tail case is the upper-tail case mirrored.
	if (p1 < p0) return neymanPearsonPower(n, 1 - p1, 1 - p0, alpha);
	// Reject when X > c and with probability γ when X = c; c is the smallest value with
	// P0(X > c) ≤ α, found by bisection since that tail only shrinks as c grows.
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = Math.floor((lo + hi) / 2);
		if (binomialProbability(n, p0, mid + 1, n) <= alpha) hi = mid;
		else lo = mid + 1;
	}
	const beyond = binomialProbability(n, p0, lo + 1, n);
	const at = binomialProbability(n, p0, lo, lo);
	const gamma = at > 0 ? Math.min(1, Math.max(0, (alpha - beyond) / at)) : 0;
	return binomialProbability(n, p1, lo + 1, n) + gamma * binomialProbability(n, p1, lo, lo);
}

/**
 * Smallest number of decisive judgments whose exact test reaches the wanted power. Exact power
 * saw-tooths in n (Chernick & Liu 2002, "The saw-toothed behavior of power versus sample size"),
 * so the answer is found by scanning upward from the first n at which even the Neyman–Pearson
 * bound reaches the power: no smaller n can qualify.
 */
export function signTestSampleSize(options: SampleSizeOptions): SampleSize {
	const { p1, p0 = 0.5, alpha = 0.05, power = 0.8, exactLimit = 50_000 } = options;
	check(p1, p0, alpha);
	if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
	const raw = normalSampleSize(p1, { p0, alpha, power });
	const normal = Math.max(1, Math.ceil(raw));
	const approximations = { normalApproximation: normal, normalApproximationRaw: raw };
	const fallback = (): SampleSize => ({
		n: normal,
		achievedPower: exactBinomialPower(normal, p1, { p0, alpha }),
		method: 'normal',
		...approximations
	});
	let high = normal;
	while (high <= exactLimit && neymanPearsonPower(high, p1, p0, alpha) < power) high *= 2;
	if (high > exactLimit) return fallback();
	let low = 1;
	while (low < high) {
		const mid = Math.floor((low + high) / 2);
		if (neymanPearsonPower(mid, p1, p0, alpha) >= power) high = mid;
		else low = mid + 1;
	}
	let region: RejectionRegion | undefined;
	for (let n = low; n <= 2 * exactLimit; n++) {
		region = rejectionRegion(n, p0, alpha, region);
		const achievedPower = powerInRegion(n, p1, region);
		if (achievedPower >= power) return { n, achievedPower, method: 'exact', ...approximations };
	}
	return fallback();
}

export interface SafeSampleSize {
	/** Smallest n whose exact power reaches the target. */
	minN: number;
	powerAtMinN: number;
	/** Smallest n from which power stays at or above the target on all of [n, 3n]. */
	safeN: number;
	powerAtSafeN: number;
	/** Reject when wins ≤ c or wins ≥ n − c, at safeN. */
	criticalC: number;
}

/**
 * Exact power saw-tooths, so the first n that reaches the target is followed by smaller n that
 * miss it (199 decisive votes give 0.804, 200 give 0.787). The planned n is the first from which
 * power stays at or above the target up to three times that n: collecting a few more judgments
 * than planned then never costs power.
 */
export function safeSignTestSampleSize(options: SampleSizeOptions): SafeSampleSize {
	const { p1, p0 = 0.5, alpha = 0.05, power = 0.8 } = options;
	const first = signTestSampleSize(options);
	const minN = first.n;
	let region: RejectionRegion | undefined;
	const regions = new Map<number, RejectionRegion>();
	const powers = new Map<number, number>();
	let candidate = minN;
	for (let n = minN; n <= 3 * candidate; n++) {
		region = rejectionRegion(n, p0, alpha, region);
		regions.set(n, region);
		const achieved = powerInRegion(n, p1, region);
		powers.set(n, achieved);
		if (achieved < power) candidate = n + 1;
	}
	return {
		minN,
		powerAtMinN: powers.get(minN) ?? first.achievedPower,
		safeN: candidate,
		powerAtSafeN: powers.get(candidate) ?? Number.NaN,
		criticalC: regions.get(candidate)?.lower ?? -1
	};
}

/**
 * The normal approximation statsmodels' NormalIndPower solves for one proportion with the
 * arcsine effect size h = 2·asin(√p1) − 2·asin(√p0): Φ(h√n − z) + Φ(−h√n − z) = power. It is
 * shown for comparison; it always falls short of the exact test's n.
 */
export function arcsineNormalSampleSize(
	p1: number,
	options: PowerOptions & { power?: number } = {}
): number {
	const { p0 = 0.5, alpha = 0.05, power = 0.8 } = options;
	check(p1, p0, alpha);
	const h = Math.abs(2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p0)));
	const z = normalQuantile(1 - alpha / 2);
	const gap = (n: number) =>
		normalCdf(h * Math.sqrt(n) - z) + normalCdf(-h * Math.sqrt(n) - z) - power;
	let lo = 1e-9;
	let hi = 1;
	while (gap(hi) < 0) hi *= 2;
	for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
		const mid = (lo + hi) / 2;
		if (gap(mid) < 0) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}
