import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, unitsFromRatings } from '$lib/core/stats';

type Row = Array<number | null>;

/** Reliability data are printed coders × units; the function takes units × coders. */
function transpose(coders: Row[]): Row[] {
	return (coders[0] ?? []).map((_, unit) => coders.map((coder) => coder[unit] ?? null));
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
// 12 units, missing values. Published: nominal α = 0.743, ordinal 0.815, interval 0.849,
// ratio 0.797 (the ordinal and ratio values are also asserted by the fast-krippendorff tests).
const PAPER = transpose([
	[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
	[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
	[null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
	[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
]);

// Wikipedia, "Krippendorff's alpha", computational example: 3 coders, 15 units.
// nominal α = 0.691, interval α = 0.811 (fast-krippendorff: 0.691358, 0.810845).
const WIKIPEDIA = transpose([
	[null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
	[1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
	[null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4]
]);

describe("Krippendorff's alpha", () => {
	it('reproduces Krippendorff (2011) for all four metrics', () => {
		expect(krippendorffAlpha(PAPER, 'nominal').alpha).toBeCloseTo(0.743, 3);
		expect(krippendorffAlpha(PAPER, 'ordinal').alpha).toBeCloseTo(0.815, 3);
		expect(krippendorffAlpha(PAPER, 'interval').alpha).toBeCloseTo(0.849, 3);
		expect(krippendorffAlpha(PAPER, 'ratio').alpha).toBeCloseTo(0.797, 3);
	});

	it('matches a hand count of the nominal case', () => {
		// Off-diagonal coincidences: unit 2 (2,2,3,2) gives 6 pairs / 3 = 2, unit 6 (1,2,3,4)
		// 12 / 3 = 4, unit 8 (1,1,2,1) 6 / 3 = 2: 8 in all, of n = 40 pairable values (unit 12 has
		// one value). Marginals n_c = 9, 13, 10, 5, 3 so Σ n_c² = 384 and
		// α = 1 − (n − 1)·8 / (n² − Σ n_c²) = 1 − 312 / 1216.
		const result = krippendorffAlpha(PAPER, 'nominal');
		expect(result.pairableValues).toBeCloseTo(40, 12);
		expect(result.units).toBe(11);
		expect(result.observedDisagreement).toBeCloseTo(8 / 40, 12);
		expect(result.expectedDisagreement).toBeCloseTo(1216 / 1560, 12);
		expect(result.alpha).toBeCloseTo(1 - 312 / 1216, 12);
	});

	it('reproduces the Wikipedia example', () => {
		expect(krippendorffAlpha(WIKIPEDIA, 'nominal').alpha).toBeCloseTo(0.691358, 6);
		expect(krippendorffAlpha(WIKIPEDIA, 'interval').alpha).toBeCloseTo(0.810845, 6);
	});

	it('computes ordinal alpha by hand on a small case', () => {
		// Units (1,2), (2,2), (1,3). Coincidences: o12 = o21 = 1, o22 = 2, o13 = o31 = 1.
		// n_1 = 2, n_2 = 3, n_3 = 1, n = 6. Ordinal δ²: (1,2): (2 + 3 − 2.5)² = 6.25;
		// (1,3): (2 + 3 + 1 − 1.5)² = 20.25; (2,3): (3 + 1 − 2)² = 4.
		// Σ o δ² = 2·6.25 + 2·20.25 = 53; Σ n_c n_k δ² = 2·(6·6.25 + 2·20.25 + 3·4) = 180.
		// α = 1 − (n − 1)·53 / 180 = 1 − 265/180.
		const result = krippendorffAlpha(
			[
				[1, 2],
				[2, 2],
				[1, 3]
			],
			'ordinal'
		);
		expect(result.alpha).toBeCloseTo(1 - 265 / 180, 12);
		// Ordinal distance ignores the numbers themselves, only their order.
		expect(
			krippendorffAlpha(
				[
					[10, 20],
					[20, 20],
					[10, 99]
				],
				'ordinal'
			).alpha
		).toBeCloseTo(result.alpha, 12);
	});

	it('is 1 for perfect agreement and NaN when there is nothing to compare', () => {
		expect(
			krippendorffAlpha(
				[
					[1, 1],
					[2, 2, 2],
					[3, 3]
				],
				'ordinal'
			).alpha
		).toBe(1);
		expect(krippendorffAlpha([[1], [2]], 'nominal').alpha).toBeNaN();
		expect(
			krippendorffAlpha(
				[
					[2, 2],
					[2, 2]
				],
				'nominal'
			).alpha
		).toBeNaN();
	});

	it('groups ratings into units and skips missing values', () => {
		const units = unitsFromRatings([
			{ unitId: 'a', value: 1 },
			{ unitId: 'b', value: 2 },
			{ unitId: 'a', value: 1 },
			{ unitId: 'b', value: null },
			{ unitId: 'b', value: 3 }
		]);
		expect(units).toEqual([
			[1, 1],
			[2, 3]
		]);
	});
});
