import { describe, expect, it } from 'vitest';
import {
	binomialTest,
	countOutcomes,
	positionBias,
	positionBiasFromCounts,
	summarizeVotes,
	wilsonInterval,
	winRate,
	type Outcome
} from '$lib/core/stats';

describe('win rate', () => {
	it('counts ties as half and keeps both-bad out of the rate, the interval and the test', () => {
		const outcomes: Outcome[] = ['win', 'win', 'win', 'tie', 'loss', 'both-bad', 'both-bad'];
		const counts = countOutcomes(outcomes);
		expect(counts).toEqual({ wins: 3, ties: 1, losses: 1, bothBad: 2 });
		expect(winRate(counts)).toBe(3.5 / 5);
		const votes = outcomes.map((outcome, index) => ({
			itemId: `i${index}`,
			raterId: 'r',
			outcome
		}));
		const summary = summarizeVotes(votes);
		expect(summary.n).toBe(7);
		expect(summary.judged).toBe(5);
		// Both-bad votes change nothing: the same figures without them.
		const without = summarizeVotes(votes.filter((vote) => vote.outcome !== 'both-bad'));
		expect(without.interval).toEqual(summary.interval);
		expect(without.pValue).toBe(summary.pValue);
		expect(without.naive).toEqual(summary.naive);
	});

	it('20 wins, 60 ties, 6 losses: interval and test agree under the one convention', () => {
		const outcomes: Outcome[] = [
			...Array<Outcome>(20).fill('win'),
			...Array<Outcome>(60).fill('tie'),
			...Array<Outcome>(6).fill('loss')
		];
		const summary = summarizeVotes(
			outcomes.map((outcome, index) => ({ itemId: `i${index}`, raterId: 'r', outcome }))
		);
		const excludesHalf = summary.interval.lower > 0.5 || summary.interval.upper < 0.5;
		expect(excludesHalf).toBe(summary.pValue < 0.05);
		const naiveExcludes = summary.naive.interval.lower > 0.5 || summary.naive.interval.upper < 0.5;
		expect(naiveExcludes).toBe(summary.naive.pValue < 0.05);
	});

	it('is NaN with nothing judged', () => {
		const summary = summarizeVotes([{ itemId: 'i', raterId: 'r', outcome: 'both-bad' }]);
		expect(summary.winRate).toBeNaN();
		expect(summary.pValue).toBeNaN();
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
