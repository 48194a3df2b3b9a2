// Cohen's (1960) kappa: agreement of two raters beyond what their own label frequencies would
// give by chance, κ = (p_o − p_e) / (1 − p_e).

export type Label = string | number;

export interface KappaResult {
	/** NaN when chance agreement is already 1 (both raters always used one and the same label). */
	kappa: number;
	/** Observed agreement p_o. */
	observed: number;
	/** Agreement expected by chance p_e = Σ_c p_A(c) · p_B(c). */
	expected: number;
	/** Items both raters labelled. */
	n: number;
}

/** Kappa over (rater A's label, rater B's label) pairs, one pair per item. */
export function cohenKappa(pairs: Iterable<readonly [Label, Label]>): KappaResult {
	const marginalA = new Map<Label, number>();
	const marginalB = new Map<Label, number>();
	let n = 0;
	let agreements = 0;
	for (const [a, b] of pairs) {
		n++;
		if (a === b) agreements++;
		marginalA.set(a, (marginalA.get(a) ?? 0) + 1);
		marginalB.set(b, (marginalB.get(b) ?? 0) + 1);
	}
	if (n === 0) return { kappa: Number.NaN, observed: Number.NaN, expected: Number.NaN, n };
	let expected = 0;
	for (const [label, countA] of marginalA) {
		expected += (countA / n) * ((marginalB.get(label) ?? 0) / n);
	}
	const observed = agreements / n;
	const kappa = expected === 1 ? Number.NaN : (observed - expected) / (1 - expected);
	return { kappa, observed, expected, n };
}

/** Kappa of two raters given as item id → label, over the items both labelled. */
export function cohenKappaShared(
	raterA: ReadonlyMap<string, Label>,
	raterB: ReadonlyMap<string, Label>
): KappaResult {
	const pairs: Array<readonly [Label, Label]> = [];
	for (const [item, label] of raterA) {
		const other = raterB.get(item);
		if (other !== undefined) pairs.push([label, other]);
	}
	return cohenKappa(pairs);
}
