import { describe, expect, it } from 'vitest';
import {
	binomialTest,
	countOutcomes,
	positionBias,
	positionBiasFromCounts,
	summarizeCounts,
	wilsonInterval,
	winRate,
	type Outcome
} from '$lib/core/stats';

describe('win rate', () => {
	it('counts ties as half and keeps both-bad out of the rate', () => {
		const outcomes: Outcome[] = ['win', 'win', 'win', 'tie', 'loss', 'both-bad', 'both-bad'];
		const counts = countOutcomes(outcomes);
		expect(counts).toEqual({ wins: 3, ties: 1, losses: 1, bothBad: 2 });
		expect(winRate(counts)).toBe(3.5 / 5);
		const summary = summarizeCounts(counts);
		expect(summary.n).toBe(7);
		expect(summary.judged).toBe(5);
		expect(summary.interval).toEqual(wilsonInterval(3.5, 5));
		// Sign test on 3 wins vs 1 loss: R binom.test(3, 4)$p.value = 0.625
		expect(summary.pValue).toBeCloseTo(0.625, 14);
	});

	it('is NaN with nothing judged, and the interval is then uninformative', () => {
		const summary = summarizeCounts({ wins: 0, ties: 0, losses: 0, bothBad: 4 });
		expect(summary.winRate).toBeNaN();
		expect(summary.interval).toEqual({ lower: 0, upper: 1 });
		expect(summary.pValue).toBe(1);
	});
});

describe('position bias', () => {
	it('credits the side that won: a trained win on the right is a right vote', () => {
		const bias = positionBias([
			{ outcome: 'win', leftWasTrained: true },
			{ outcome: 'win', leftWasTrained: false },
			{ outcome: 'loss', leftWasTrained: false },
			{ outcome: 'loss', leftWasTrained: false },
			{ outcome: 'tie', leftWasTrained: true },
			{ outcome: 'both-bad', leftWasTrained: false }
		]);
		expect(bias.left).toBe(3);
		expect(bias.right).toBe(1);
		expect(bias.n).toBe(4);
		expect(bias.leftShare).toBe(0.75);
	});

	it('tests the left share against 0.5 exactly', () => {
		const bias = positionBiasFromCounts(9, 1);
		expect(bias.pValue).toBeCloseTo(22 / 1024, 14); // R binom.test(9, 10)
		expect(bias.interval).toEqual(wilsonInterval(9, 10));
		expect(positionBiasFromCounts(0, 0).leftShare).toBeNaN();
		expect(positionBiasFromCounts(520, 480).pValue).toBe(binomialTest(520, 1000));
	});
});
