// Position bias (§5): if raters favour a screen side regardless of content, the left side wins
// more than half of the decisive votes. Ties and both-bad carry no side preference and are left
// out; the test is the exact binomial against 0.5 because sides are balanced by design.
import type { Interval, Vote } from './types';
import { binomialTest } from './binomial';
import { Z_95 } from './special-functions';
import { wilsonInterval } from './wilson';

export interface PositionBias {
	left: number;
	right: number;
	/** Decisive votes: left + right. */
	n: number;
	/** left / n; NaN without decisive votes. */
	leftShare: number;
	interval: Interval;
	pValue: number;
}

export function positionBiasFromCounts(left: number, right: number, z = Z_95): PositionBias {
	const n = left + right;
	return {
		left,
		right,
		n,
		leftShare: n === 0 ? Number.NaN : left / n,
		interval: wilsonInterval(left, n, z),
		pValue: binomialTest(left, n, 0.5)
	};
}

/** Which side won a decisive vote, or null for ties and both-bad. */
export function winningSide(
	vote: Pick<Vote, 'outcome' | 'leftWasTrained'>
): 'left' | 'right' | null {
	if (vote.outcome === 'win') return vote.leftWasTrained ? 'left' : 'right';
	if (vote.outcome === 'loss') return vote.leftWasTrained ? 'right' : 'left';
	return null;
}

export function positionBias(
	votes: Iterable<Pick<Vote, 'outcome' | 'leftWasTrained'>>,
	z = Z_95
): PositionBias {
	let left = 0;
	let right = 0;
	for (const vote of votes) {
		const side = winningSide(vote);
		if (side === 'left') left++;
		else if (side === 'right') right++;
	}
	return positionBiasFromCounts(left, right, z);
}
