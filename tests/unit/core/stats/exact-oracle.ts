// An independent, exact oracle for binomial tests: BigInt arithmetic on rational p = a / b, so
// the float implementation under test is checked against numbers with no rounding at all.

export function choose(n: number, k: number): bigint {
	let result = 1n;
	for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
	return result;
}

/** Numerators of P(X = x) for X ~ Binomial(n, a/b); the common denominator is b^n. */
export function pmfNumerators(n: number, a: number, b: number): bigint[] {
	const numerators: bigint[] = [];
	const success = BigInt(a);
	const failure = BigInt(b - a);
	let coefficient = 1n;
	for (let x = 0; x <= n; x++) {
		if (x > 0) coefficient = (coefficient * BigInt(n - x + 1)) / BigInt(x);
		numerators.push(coefficient * success ** BigInt(x) * failure ** BigInt(n - x));
	}
	return numerators;
}

/** numerator / denominator to double precision, however small the quotient. */
export function ratio(numerator: bigint, denominator: bigint): number {
	if (numerator === 0n) return 0;
	const shift = denominator.toString(2).length - numerator.toString(2).length + 64;
	const scaled =
		shift >= 0
			? (numerator << BigInt(shift)) / denominator
			: numerator / (denominator << BigInt(-shift));
	return Number(scaled) * 2 ** -shift;
}

/** R's binom.test rule, evaluated exactly: sum of every P(i) ≤ P(k)·(1 + 1e-7). */
export function exactBinomialTest(k: number, n: number, a: number, b: number): number {
	const numerators = pmfNumerators(n, a, b);
	const observed = numerators[k] ?? 0n;
	if (k * b === n * a) return 1;
	let sum = 0n;
	for (const value of numerators) {
		if (value * 10_000_000n <= observed * 10_000_001n) sum += value;
	}
	return Math.min(1, ratio(sum, BigInt(b) ** BigInt(n)));
}
