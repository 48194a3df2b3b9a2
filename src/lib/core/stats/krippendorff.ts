// Krippendorff's alpha for any number of raters with missing values, computed through the
// coincidence matrix exactly as in Krippendorff (2011), "Computing Krippendorff's
// Alpha-Reliability", https://repository.upenn.edu/asc_papers/43: α = 1 − D_o / D_e with
// D_o = Σ o_ck δ²_ck / n and D_e = Σ n_c n_k δ²_ck / (n (n − 1)).

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** One unit (item), holding the value each rater gave it; null/undefined = not rated. */
export type ReliabilityUnit = ReadonlyArray<number | null | undefined>;

export interface AlphaResult {
	/** NaN when undefined: no pairable values, or every pairable value the same (D_e = 0). */
	alpha: number;
	observedDisagreement: number;
	expectedDisagreement: number;
	/** Units with at least two values (the only ones that carry information on agreement). */
	units: number;
	/** n: the number of pairable values. */
	pairableValues: number;
}

/** Groups ratings into units, in first-seen unit order. */
export function unitsFromRatings(
	ratings: Iterable<{ unitId: string; value: number | null | undefined }>
): number[][] {
	const units = new Map<string, number[]>();
	for (const { unitId, value } of ratings) {
		if (value === null || value === undefined || Number.isNaN(value)) continue;
		let unit = units.get(unitId);
		if (!unit) units.set(unitId, (unit = []));
		unit.push(value);
	}
	return [...units.values()];
}

function squaredDistances(
	values: readonly number[],
	marginals: Float64Array,
	metric: AlphaMetric
): (c: number, k: number) => number {
	switch (metric) {
		case 'nominal':
			return (c, k) => (c === k ? 0 : 1);
		case 'interval':
			return (c, k) => ((values[c] ?? 0) - (values[k] ?? 0)) ** 2;
		case 'ratio':
			return (c, k) => {
				const a = values[c] ?? 0;
				const b = values[k] ?? 0;
				return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
			};
		case 'ordinal': {
			// Krippendorff (2011, p. 6): δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the ranked
			// values, so distance depends on how many values lie between, not on the numbers.
			const cumulative = new Float64Array(values.length + 1);
			marginals.forEach((count, index) => {
				cumulative[index + 1] = (cumulative[index] ?? 0) + count;
			});
			return (c, k) => {
				const lo = Math.min(c, k);
				const hi = Math.max(c, k);
				const between = (cumulative[hi + 1] ?? 0) - (cumulative[lo] ?? 0);
				return (between - ((marginals[c] ?? 0) + (marginals[k] ?? 0)) / 2) ** 2;
			};
		}
	}
}

export function krippendorffAlpha(
	units: Iterable<ReliabilityUnit>,
	metric: AlphaMetric = 'ordinal'
): AlphaResult {
	const pairable: number[][] = [];
	const distinct = new Set<number>();
	for (const unit of units) {
		const present = unit.filter(
			(value): value is number => value !== null && value !== undefined && !Number.isNaN(value)
		);
		if (present.length < 2) continue;
		pairable.push(present);
		for (const value of present) distinct.add(value);
	}
	const values = [...distinct].sort((a, b) => a - b);
	const index = new Map(values.map((value, position) => [value, position]));
	const size = values.length;
	const coincidences = new Float64Array(size * size);
	for (const unit of pairable) {
		// Each ordered pair of values from different raters adds 1/(m_u − 1), so each unit
		// contributes exactly m_u to the matrix (Krippendorff 2011, p. 3).
		const counts = new Map<number, number>();
		for (const value of unit) {
			const position = index.get(value) ?? 0;
			counts.set(position, (counts.get(position) ?? 0) + 1);
		}
		const weight = 1 / (unit.length - 1);
		for (const [c, countC] of counts) {
			for (const [k, countK] of counts) {
				const pairs = c === k ? countC * (countK - 1) : countC * countK;
				coincidences[c * size + k] = (coincidences[c * size + k] ?? 0) + pairs * weight;
			}
		}
	}
	const marginals = new Float64Array(size);
	let n = 0;
	for (let c = 0; c < size; c++) {
		for (let k = 0; k < size; k++)
			marginals[c] = (marginals[c] ?? 0) + (coincidences[c * size + k] ?? 0);
		n += marginals[c] ?? 0;
	}
	const delta = squaredDistances(values, marginals, metric);
	let observedSum = 0;
	let expectedSum = 0;
	for (let c = 0; c < size; c++) {
		for (let k = 0; k < size; k++) {
			if (c === k) continue;
			const d = delta(c, k);
			observedSum += (coincidences[c * size + k] ?? 0) * d;
			expectedSum += (marginals[c] ?? 0) * (marginals[k] ?? 0) * d;
		}
	}
	const observedDisagreement = n > 0 ? observedSum / n : Number.NaN;
	const expectedDisagreement = n > 1 ? expectedSum / (n * (n - 1)) : Number.NaN;
	const alpha =
		expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : Number.NaN;
	return {
		alpha,
		observedDisagreement,
		expectedDisagreement,
		units: pairable.length,
		pairableValues: n
	};
}
