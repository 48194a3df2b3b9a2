// Position consistency: a trial re-shown to the same rater with the sides swapped should get
// the same verdict about the endpoints. A rater whose preference follows the screen side instead
// is judging position, not content (the swap check for position bias in Zheng et al. 2023,
// "Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena").
import type { Interval, Outcome, Vote } from './types';
import { Z_95 } from './special-functions';
import { wilsonInterval } from './wilson';

export interface SwapPair {
	raterId: string;
	/** Both outcomes from the trained model's (endpoint A's) point of view. */
	original: Outcome;
	swapped: Outcome;
}

export interface RaterConsistency {
	raterId: string;
	pairs: number;
	consistent: number;
	/** consistent / pairs; NaN without pairs. */
	share: number;
	interval: Interval;
}

export interface ConsistencyReport {
	/** All raters pooled (raterId '*'). */
	overall: RaterConsistency;
	/** One row per rater with at least one pair, sorted by rater id. */
	raters: RaterConsistency[];
}

/** The endpoint a verdict prefers; tie and both-bad prefer neither. */
function preference(outcome: Outcome): 'trained' | 'baseline' | 'none' {
	if (outcome === 'win') return 'trained';
	if (outcome === 'loss') return 'baseline';
	return 'none';
}

/** Consistent when both verdicts prefer the same endpoint, or both prefer neither. */
export function isConsistent(pair: Pick<SwapPair, 'original' | 'swapped'>): boolean {
	return preference(pair.original) === preference(pair.swapped);
}

function row(raterId: string, pairs: number, consistent: number, z: number): RaterConsistency {
	return {
		raterId,
		pairs,
		consistent,
		share: pairs === 0 ? Number.NaN : consistent / pairs,
		interval: wilsonInterval(consistent, pairs, z)
	};
}

export function positionConsistency(pairs: Iterable<SwapPair>, z = Z_95): ConsistencyReport {
	const byRater = new Map<string, { pairs: number; consistent: number }>();
	let total = 0;
	let consistentTotal = 0;
	for (const pair of pairs) {
		let counts = byRater.get(pair.raterId);
		if (!counts) byRater.set(pair.raterId, (counts = { pairs: 0, consistent: 0 }));
		const consistent = isConsistent(pair) ? 1 : 0;
		counts.pairs++;
		counts.consistent += consistent;
		total++;
		consistentTotal += consistent;
	}
	const raters = [...byRater.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([raterId, counts]) => row(raterId, counts.pairs, counts.consistent, z));
	return { overall: row('*', total, consistentTotal, z), raters };
}

/**
 * Finds swap re-shows among votes: the same rater judging the same item once with the trained
 * model on the left and once on the right. Votes are taken in the order given (earliest first);
 * each vote is used in at most one pair, and repeats on the same side are not swaps.
 */
export function swapPairsFromVotes(
	votes: Iterable<Pick<Vote, 'itemId' | 'raterId' | 'outcome' | 'leftWasTrained'>>
): SwapPair[] {
	const waiting = new Map<string, Array<Pick<Vote, 'outcome' | 'leftWasTrained'>>>();
	const pairs: SwapPair[] = [];
	for (const vote of votes) {
		const key = `${vote.raterId}\u0000${vote.itemId}`;
		let queue = waiting.get(key);
		if (!queue) waiting.set(key, (queue = []));
		const partner = queue.findIndex((earlier) => earlier.leftWasTrained !== vote.leftWasTrained);
		if (partner < 0) {
			queue.push(vote);
			continue;
		}
		const [original] = queue.splice(partner, 1);
		if (original)
			pairs.push({ raterId: vote.raterId, original: original.outcome, swapped: vote.outcome });
	}
	return pairs;
}
