// Exact binomial probabilities and the exact two-sided binomial test. Everything is done in log
// space and tails are summed outward from their largest term, so n in the hundreds of thousands
// costs O(√n) work and neither underflows nor loses the small p-values researchers report.
import { devianceTerm, stirlingError } from './special-functions';

// R's binom.test treats densities within this relative tolerance of the observed one as equal,
// so a symmetric outcome is not lost to rounding (R source, src/library/stats/R/binom.test.R).
const RELATIVE_TOLERANCE = 1 + 1e-7;
// Tail terms are dropped once they fall below this share of the running sum (beyond double
// precision of the total).
const NEGLIGIBLE = 1e-17;

function checkCount(k: number, n: number): void {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
	if (!Number.isInteger(k) || k < 0 || k > n) {
		throw new RangeError(`k must be a whole number in [0, ${n}], got ${k}`);
	}
}

function checkProbability(p: number): void {
	if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
}

const LOG_TWO_PI = Math.log(2 * Math.PI);

/**
 * ln P(X = x) for X ~ Binomial(n, p) by Loader's (2000) saddle-point form, R's dbinom_raw:
 * relative error near 1e-15 even for n in the millions, where ln C(n, x) through ln Γ would
 * lose digits to cancellation. Terms are grouped so that at p = 0.5 the results for x and n − x
 * are bit-identical, and a sign test gives the same p-value whichever side is called "wins".
 */
export function logBinomialPmf(x: number, n: number, p: number): number {
	if (x < 0 || x > n) return -Infinity;
	// For p ≥ 0.5, 1 − p is exact (Sterbenz), so both logs are as precise as log1p would be.
	const logP = Math.log(p);
	const logQ = p < 0.5 ? Math.log1p(-p) : Math.log(1 - p);
	if (x === 0) return n * logQ;
	if (x === n) return n * logP;
	const q = 1 - p;
	const lc =
		stirlingError(n) -
		(stirlingError(x) + stirlingError(n - x)) -
		(devianceTerm(x, n * p) + devianceTerm(n - x, n * q));
	const lf = LOG_TWO_PI + (Math.log(x) + Math.log(n - x)) - Math.log(n);
	return lc - 0.5 * lf;
}

/** ln P(from ≤ X ≤ to) for X ~ Binomial(n, p), 0 < p < 1. */
export function logBinomialRange(n: number, p: number, from: number, to: number): number {
	const lo = Math.max(0, Math.ceil(from));
	const hi = Math.min(n, Math.floor(to));
	if (lo > hi) return -Infinity;
	// Start at the term nearest the mode: it is the largest in the range, so the running sum is
	// relative to it (no overflow) and the terms shrink geometrically once past the bulk.
	const start = Math.min(hi, Math.max(lo, Math.floor((n + 1) * p)));
	const oddsUp = p / (1 - p);
	let sum = 1;
	let term = 1;
	for (let x = start; x < hi; x++) {
		term *= ((n - x) / (x + 1)) * oddsUp;
		sum += term;
		if (term < sum * NEGLIGIBLE) break;
	}
	term = 1;
	for (let x = start; x > lo; x--) {
		term *= x / (n - x + 1) / oddsUp;
		sum += term;
		if (term < sum * NEGLIGIBLE) break;
	}
	return logBinomialPmf(start, n, p) + Math.log(sum);
}

/** P(from ≤ X ≤ to) for X ~ Binomial(n, p). */
export function binomialProbability(n: number, p: number, from: number, to: number): number {
	checkProbability(p);
	return Math.min(1, Math.exp(logBinomialRange(n, p, from, to)));
}

/** Smallest x in [lo, hi] with ln pmf(x) ≤ threshold, where the pmf does not increase on it. */
function firstAtOrBelow(n: number, p: number, lo: number, hi: number, threshold: number): number {
	if (lo > hi || logBinomialPmf(hi, n, p) > threshold) return hi + 1;
	while (lo < hi) {
		const mid = Math.floor((lo + hi) / 2);
		if (logBinomialPmf(mid, n, p) <= threshold) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** Largest x in [lo, hi] with ln pmf(x) ≤ threshold, where the pmf does not decrease on it. */
function lastAtOrBelow(n: number, p: number, lo: number, hi: number, threshold: number): number {
	if (lo > hi || logBinomialPmf(lo, n, p) > threshold) return lo - 1;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (logBinomialPmf(mid, n, p) <= threshold) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/**
 * Exact two-sided binomial test of k successes in n trials against p: the probability of all
 * outcomes no more likely than the observed one — the method of R's binom.test. n = 0 gives 1
 * (no evidence either way) where R refuses.
 */
export function binomialTest(k: number, n: number, p = 0.5): number {
	checkCount(k, n);
	checkProbability(p);
	if (n === 0) return 1;
	const mean = n * p;
	if (k === mean) return 1;
	const threshold = logBinomialPmf(k, n, p) + Math.log(RELATIVE_TOLERANCE);
	let logLower: number;
	let logUpper: number;
	// The pmf rises up to ⌊np⌋ and falls from ⌈np⌉, so the outcomes on the far side that are no
	// more likely than k form one tail, found by bisection.
	if (k < mean) {
		logLower = logBinomialRange(n, p, 0, k);
		const first = firstAtOrBelow(n, p, Math.ceil(mean), n, threshold);
		logUpper = logBinomialRange(n, p, first, n);
	} else {
		logUpper = logBinomialRange(n, p, k, n);
		const last = lastAtOrBelow(n, p, 0, Math.floor(mean), threshold);
		logLower = logBinomialRange(n, p, 0, last);
	}
	return Math.min(1, Math.exp(logLower) + Math.exp(logUpper));
}

/** Exact two-sided sign test: decisive wins against losses, ties left out, H0 p = 0.5. */
export function signTest(wins: number, losses: number): number {
	return binomialTest(wins, wins + losses, 0.5);
}
