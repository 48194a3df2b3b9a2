import { describe, expect, it } from 'vitest';
import { median, quantile } from '$lib/core/stats';

describe('quantile (type 7)', () => {
	it('matches R quantile(c(1, 2, 3, 4, 10), c(0.1, 0.25, 0.975))', () => {
		const values = [10, 1, 3, 2, 4];
		// R: 1.4, 2.0, 9.4
		expect(quantile(values, 0.1)).toBeCloseTo(1.4, 12);
		expect(quantile(values, 0.25)).toBeCloseTo(2, 12);
		expect(quantile(values, 0.975)).toBeCloseTo(9.4, 12);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(quantile([-Infinity, -Infinity, 1], 0.25)).toBe(-Infinity);
		expect(quantile([], 0.5)).toBeNaN();
	});
});
