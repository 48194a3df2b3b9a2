// Special functions the tests and intervals need, implemented here so the layer has no
// dependencies and gives the same digits in the browser and in Node.

const LANCZOS_G = 7;
// Lanczos (1964) coefficients for g = 7, n = 9, as tabulated by Godfrey and reproduced in
// Numerical Recipes; relative error below 1e-15 for positive arguments.
const LANCZOS = [
	0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
	12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
	if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
	if (x < 0.5) {
		// Reflection Γ(x)Γ(1−x) = π / sin(πx) keeps the series in its accurate range.
		return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	}
	const shifted = x - 1;
	let series = LANCZOS[0] ?? 1;
	for (let index = 1; index < LANCZOS.length; index++) {
		series += (LANCZOS[index] ?? 0) / (shifted + index);
	}
	const t = shifted + LANCZOS_G + 0.5;
	return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ln C(n, k); the two lower terms are summed first so C(n, k) and C(n, n−k) agree exactly. */
export function logChoose(n: number, k: number): number {
	return logGamma(n + 1) - (logGamma(k + 1) + logGamma(n - k + 1));
}

/**
 * Stirling's error ln n! − ln(√(2πn)·(n/e)ⁿ) for whole n ≥ 1, as in Loader (2000), "Fast and
 * accurate computation of binomial probabilities": small n from ln Γ, where the difference is
 * still well conditioned, larger n from the asymptotic series 1/12n − 1/360n³ + ….
 */
export function stirlingError(n: number): number {
	if (n <= 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - HALF_LOG_TWO_PI;
	const nn = n * n;
	return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / nn) / nn) / nn) / nn) / n;
}

/**
 * Loader's (2000) deviance term x·ln(x/μ) + μ − x, summed as a series when x is near μ, where
 * the direct formula would cancel catastrophically.
 */
export function devianceTerm(x: number, mu: number): number {
	if (Math.abs(x - mu) < 0.1 * (x + mu)) {
		let v = (x - mu) / (x + mu);
		let sum = (x - mu) * v;
		let term = 2 * x * v;
		v *= v;
		for (let j = 1; j < 1000; j++) {
			term *= v;
			const next = sum + term / (2 * j + 1);
			if (next === sum) return next;
			sum = next;
		}
		return sum;
	}
	return x * Math.log(x / mu) + mu - x;
}

// Wichura (1988), Algorithm AS 241 (PPND16): the normal quantile to about 1e-16, the same
// rational approximations R's qnorm uses.
const A = [
	3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
	67265.7709270087, 33430.57558358813, 2509.0809287301227
];
const B = [
	1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
	28729.085735721943, 5226.495278852546
];
const C = [
	1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
	0.2417807251774506, 0.022723844989269184, 0.0007745450142783414
];
const D = [
	1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
	0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9
];
const E = [
	6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
	0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7
];
const F = [
	1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
	0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15
];

function polynomial(coefficients: readonly number[], x: number): number {
	let value = 0;
	for (let index = coefficients.length - 1; index >= 0; index--) {
		value = value * x + (coefficients[index] ?? 0);
	}
	return value;
}

/** The standard normal quantile Φ⁻¹(p) for 0 < p < 1. */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) {
		if (p === 0) return -Infinity;
		if (p === 1) return Infinity;
		throw new RangeError(`normalQuantile needs 0 ≤ p ≤ 1, got ${p}`);
	}
	const q = p - 0.5;
	if (Math.abs(q) <= 0.425) {
		const r = 0.180625 - q * q;
		return (q * polynomial(A, r)) / polynomial(B, r);
	}
	let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
	let value: number;
	if (r <= 5) {
		r -= 1.6;
		value = polynomial(C, r) / polynomial(D, r);
	} else {
		r -= 5;
		value = polynomial(E, r) / polynomial(F, r);
	}
	return q < 0 ? -value : value;
}

/** z for a two-sided interval of the given confidence level (0.95 → 1.959963984540054). */
export function twoSidedZ(level: number): number {
	return normalQuantile(1 - (1 - level) / 2);
}

export const Z_95 = 1.959963984540054;

export function sigmoid(x: number): number {
	return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
