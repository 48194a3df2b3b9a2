import { describe, expect, it } from 'vitest';
import { liveScoreboard } from '$lib/core/live/scoreboard';
import { makeJudgment } from '../../factories';

const items = [
	{ id: 'a', traits: ['fairness', 'truthfulness'] },
	{ id: 'b', traits: ['truthfulness'] },
	{ id: 'c', traits: [] }
];
const judge = (
	id: string,
	itemId: string,
	winner: string | null,
	overall = winner ? 'left-better' : 'tie'
) =>
	makeJudgment({
		id,
		itemId,
		winnerEndpointId: winner,
		overall: overall as 'left-better' | 'tie' | 'both-bad'
	});

describe('liveScoreboard', () => {
	it('counts wins per endpoint, ties and both-bad, overall and per probed trait', () => {
		const rows = liveScoreboard(
			[
				judge('1', 'a', 'ep-a'),
				judge('2', 'b', 'ep-b'),
				judge('3', 'b', null),
				judge('4', 'c', null, 'both-bad'),
				makeJudgment({
					id: '5',
					itemId: 'a',
					overall: null,
					skipReason: 'no',
					winnerEndpointId: null
				})
			],
			items,
			['ep-a', 'ep-b']
		);
		expect(rows).toEqual([
			{
				key: 'all',
				label: 'All rounds',
				wins: { 'ep-a': 1, 'ep-b': 1 },
				ties: 1,
				bothBad: 1,
				rounds: 4
			},
			{
				key: 'truthfulness',
				label: 'Truthfulness',
				wins: { 'ep-a': 1, 'ep-b': 1 },
				ties: 1,
				bothBad: 0,
				rounds: 3
			},
			{
				key: 'fairness',
				label: 'Fairness',
				wins: { 'ep-a': 1, 'ep-b': 0 },
				ties: 0,
				bothBad: 0,
				rounds: 1
			}
		]);
	});

	it('has only the all-rounds row, at zero, before any vote', () => {
		expect(liveScoreboard([], items, ['x', 'y'])).toEqual([
			{ key: 'all', label: 'All rounds', wins: { x: 0, y: 0 }, ties: 0, bothBad: 0, rounds: 0 }
		]);
	});
});
