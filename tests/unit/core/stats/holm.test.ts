import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { holmAdjust } from '$lib/core/stats';

describe('holmAdjust', () => {
	it("matches R p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm') = 0.03 0.06 0.06 0.02", () => {
		const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
		[0.03, 0.06, 0.06, 0.02].forEach((expected, index) => {
			expect(adjusted[index]).toBeCloseTo(expected, 15);
		});
	});

	it('caps at 1, leaves NaN out of the family, and handles the empty list', () => {
		expect(holmAdjust([0.5, 0.6])).toEqual([1, 1]);
		const adjusted = holmAdjust([0.01, Number.NaN, 0.02]);
		expect(adjusted[0]).toBeCloseTo(0.02, 15);
		expect(adjusted[1]).toBeNaN();
		expect(adjusted[2]).toBeCloseTo(0.02, 15);
		expect(holmAdjust([])).toEqual([]);
	});

	it('is ≥ raw, ≤ 1, ≤ Bonferroni, and keeps the order of the raw p-values', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }),
				(raw) => {
					const adjusted = holmAdjust(raw);
					raw.forEach((p, i) => {
						const a = adjusted[i] ?? Number.NaN;
						expect(a).toBeGreaterThanOrEqual(p);
						expect(a).toBeLessThanOrEqual(Math.min(1, p * raw.length));
						raw.forEach((q, j) => {
							if (p < q) expect(a).toBeLessThanOrEqual(adjusted[j] ?? Number.NaN);
						});
					});
				}
			)
		);
	});
});
