import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, outcomeAgreement, type Outcome } from '$lib/core/stats';

const vote = (itemId: string, raterId: string, outcome: Outcome) => ({ itemId, raterId, outcome });

describe('outcomeAgreement', () => {
	it('uses items with several raters, the first verdict of each, ordinal loss < tie < win', () => {
		const result = outcomeAgreement([
			vote('i1', 'r1', 'win'),
			vote('i1', 'r2', 'win'),
			vote('i1', 'r1', 'loss'), // a re-show: ignored, the first verdict stands
			vote('i2', 'r1', 'tie'),
			vote('i2', 'r2', 'win'),
			vote('i3', 'r1', 'loss'),
			vote('i3', 'r2', 'loss'),
			vote('i4', 'r1', 'win') // one rater only: no agreement information
		]);
		expect(result.sharedItems).toBe(3);
		expect(result.raters).toBe(2);
		expect(result.alpha.alpha).toBeCloseTo(
			krippendorffAlpha(
				[
					[2, 2],
					[1, 2],
					[0, 0]
				],
				'ordinal'
			).alpha,
			15
		);
		// Kappa over (win, win), (tie, win), (loss, loss): p_o = 2/3,
		// p_e = (1/3)(2/3) + (1/3)(0) + (1/3)(1/3) = 1/3 → κ = (2/3 − 1/3) / (2/3) = 0.5.
		expect(result.kappa?.kappa).toBeCloseTo(0.5, 15);
	});

	it('treats both-bad as missing for alpha and gives no kappa beyond two raters', () => {
		const result = outcomeAgreement([
			vote('i1', 'r1', 'win'),
			vote('i1', 'r2', 'both-bad'),
			vote('i1', 'r3', 'win'),
			vote('i2', 'r1', 'loss'),
			vote('i2', 'r3', 'tie')
		]);
		expect(result.raters).toBe(3);
		expect(result.kappa).toBeNull();
		expect(result.alpha.alpha).toBeCloseTo(
			krippendorffAlpha(
				[
					[2, 2],
					[0, 1]
				],
				'ordinal'
			).alpha,
			15
		);
	});
});
