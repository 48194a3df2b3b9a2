import { describe, expect, it } from 'vitest';
import {
	isConsistent,
	positionConsistency,
	swapPairsFromVotes,
	wilsonInterval,
	type SwapPair
} from '$lib/core/stats';

describe('position consistency', () => {
	it('is consistent when the same endpoint is preferred, or neither', () => {
		expect(isConsistent({ original: 'win', swapped: 'win' })).toBe(true);
		expect(isConsistent({ original: 'tie', swapped: 'tie' })).toBe(true);
		expect(isConsistent({ original: 'tie', swapped: 'both-bad' })).toBe(true);
		expect(isConsistent({ original: 'win', swapped: 'loss' })).toBe(false);
		expect(isConsistent({ original: 'win', swapped: 'tie' })).toBe(false);
	});

	it('reports per rater and pooled shares with intervals', () => {
		const pairs: SwapPair[] = [
			{ raterId: 'r2', original: 'win', swapped: 'win' },
			{ raterId: 'r1', original: 'win', swapped: 'loss' },
			{ raterId: 'r1', original: 'loss', swapped: 'loss' },
			{ raterId: 'r1', original: 'tie', swapped: 'tie' },
			{ raterId: 'r2', original: 'tie', swapped: 'win' }
		];
		const report = positionConsistency(pairs);
		expect(report.raters.map((row) => [row.raterId, row.pairs, row.consistent])).toEqual([
			['r1', 3, 2],
			['r2', 2, 1]
		]);
		expect(report.raters[0]?.share).toBe(2 / 3);
		expect(report.raters[0]?.interval).toEqual(wilsonInterval(2, 3));
		expect(report.overall).toMatchObject({ raterId: '*', pairs: 5, consistent: 3, share: 0.6 });
		expect(positionConsistency([]).overall.share).toBeNaN();
	});

	it('finds swap re-shows: same rater, same item, opposite sides, each vote used once', () => {
		const pairs = swapPairsFromVotes([
			{ raterId: 'r1', itemId: 'i1', leftWasTrained: true, outcome: 'win' },
			{ raterId: 'r1', itemId: 'i1', leftWasTrained: true, outcome: 'loss' },
			{ raterId: 'r2', itemId: 'i1', leftWasTrained: false, outcome: 'tie' },
			{ raterId: 'r1', itemId: 'i2', leftWasTrained: false, outcome: 'tie' },
			{ raterId: 'r1', itemId: 'i1', leftWasTrained: false, outcome: 'win' },
			{ raterId: 'r1', itemId: 'i1', leftWasTrained: false, outcome: 'loss' }
		]);
		expect(pairs).toEqual([
			{ raterId: 'r1', original: 'win', swapped: 'win' },
			{ raterId: 'r1', original: 'loss', swapped: 'loss' }
		]);
	});
});
