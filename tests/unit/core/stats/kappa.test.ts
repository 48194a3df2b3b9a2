import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaShared, type Label } from '$lib/core/stats';

function table(yesYes: number, yesNo: number, noYes: number, noNo: number): Array<[Label, Label]> {
	return [
		...Array.from({ length: yesYes }, (): [Label, Label] => ['yes', 'yes']),
		...Array.from({ length: yesNo }, (): [Label, Label] => ['yes', 'no']),
		...Array.from({ length: noYes }, (): [Label, Label] => ['no', 'yes']),
		...Array.from({ length: noNo }, (): [Label, Label] => ['no', 'no'])
	];
}

describe("Cohen's kappa", () => {
	it('reproduces the worked example of Wikipedia, "Cohen\'s kappa": κ = 0.4', () => {
		const result = cohenKappa(table(20, 5, 10, 15));
		expect(result.observed).toBeCloseTo(0.7, 15);
		expect(result.expected).toBeCloseTo(0.5, 15);
		expect(result.kappa).toBeCloseTo(0.4, 15);
		expect(result.n).toBe(50);
	});

	it('reproduces the same-agreement, different-kappa tables of the same article', () => {
		expect(cohenKappa(table(45, 15, 25, 15)).kappa).toBeCloseTo(0.1304, 4);
		expect(cohenKappa(table(25, 35, 5, 35)).kappa).toBeCloseTo(0.2593, 4);
	});

	it('is 1 for perfect agreement, NaN when chance agreement is total', () => {
		expect(cohenKappa(table(3, 0, 0, 4)).kappa).toBe(1);
		expect(cohenKappa(table(5, 0, 0, 0)).kappa).toBeNaN();
		expect(cohenKappa([]).n).toBe(0);
	});

	it('uses only the items both raters labelled', () => {
		const a = new Map<string, Label>([
			['i1', 'win'],
			['i2', 'loss'],
			['i3', 'win'],
			['only-a', 'tie']
		]);
		const b = new Map<string, Label>([
			['i1', 'win'],
			['i2', 'win'],
			['i3', 'win'],
			['only-b', 'loss']
		]);
		const result = cohenKappaShared(a, b);
		expect(result.n).toBe(3);
		expect(result.observed).toBeCloseTo(2 / 3, 15);
		// p_e = (2/3)(3/3) + (1/3)(0) = 2/3 → κ = 0
		expect(result.kappa).toBeCloseTo(0, 15);
	});
});
