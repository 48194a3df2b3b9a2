// The per-category numbers of §5 under one convention for ties and "both bad", used by the
// interval, the test and Bradley–Terry alike: a vote scores 1 when A is preferred, 0.5 for a tie
// and 0 when B is preferred; "both bad" says nothing about which model is better, so it is
// counted and shown but left out of every statistic. The win rate is the mean score. The default
// interval and test are cluster-robust (see cluster.ts); the naive figures, which treat every
// vote as independent, are kept beside them for comparison.
import type { Interval, Outcome, Vote } from './types';
import {
	clusteredMeanOf,
	indexVotes,
	normalPValue,
	type ClusterMethod,
	type IndexedVotes,
	type ScoredVote
} from './cluster';
import { Z_95 } from './special-functions';

export interface OutcomeCounts {
	wins: number;
	ties: number;
	losses: number;
	bothBad: number;
}

export interface NaiveFigures {
	/** mean ± z·SD/√n, every vote independent. */
	interval: Interval;
	/** z test of mean score = 0.5 with the same SE. */
	pValue: number;
}

export interface WinRateSummary extends OutcomeCounts {
	/** Every vote, both-bad included. */
	n: number;
	/** wins + ties + losses: the votes the statistics use. */
	judged: number;
	/** Mean score: (wins + ties / 2) / judged; NaN when nothing was judged. */
	winRate: number;
	/** Cluster-robust 95% interval of the win rate (t with clusters − 1 df). */
	interval: Interval;
	/** Cluster-robust two-sided t test of win rate = 0.5; NaN without spread or clusters. */
	pValue: number;
	/** 'item' or 'two-way' (item × rater) clustering. */
	method: ClusterMethod;
	/** Prompts and raters among the judged votes. */
	items: number;
	raters: number;
	df: number;
	/** Cluster-robust standard error of the win rate. */
	se: number;
	naive: NaiveFigures;
}

export const SCORES: Record<Outcome, number | null> = {
	win: 1,
	tie: 0.5,
	loss: 0,
	'both-bad': null
};

export function emptyCounts(): OutcomeCounts {
	return { wins: 0, ties: 0, losses: 0, bothBad: 0 };
}

export function addOutcome(counts: OutcomeCounts, outcome: Outcome): void {
	switch (outcome) {
		case 'win':
			counts.wins++;
			break;
		case 'loss':
			counts.losses++;
			break;
		case 'tie':
			counts.ties++;
			break;
		case 'both-bad':
			counts.bothBad++;
			break;
	}
}

export function countOutcomes(outcomes: Iterable<Outcome>): OutcomeCounts {
	const counts = emptyCounts();
	for (const outcome of outcomes) addOutcome(counts, outcome);
	return counts;
}

export function winRate(counts: Pick<OutcomeCounts, 'wins' | 'ties' | 'losses'>): number {
	const judged = counts.wins + counts.ties + counts.losses;
	return judged === 0 ? Number.NaN : (counts.wins + counts.ties / 2) / judged;
}

/** The scored votes of a list (both-bad dropped). */
export function scoredVotes(
	votes: Iterable<Pick<Vote, 'itemId' | 'raterId' | 'outcome'>>
): ScoredVote[] {
	const scored: ScoredVote[] = [];
	for (const { itemId, raterId, outcome } of votes) {
		const score = SCORES[outcome];
		if (score !== null) scored.push({ itemId, raterId, score });
	}
	return scored;
}

export function summarizeVotes(
	votes: readonly Pick<Vote, 'itemId' | 'raterId' | 'outcome'>[],
	z = Z_95
): WinRateSummary {
	const data = indexVotes(
		votes.map(({ itemId, raterId, outcome }) => ({
			itemId,
			raterId,
			score: SCORES[outcome] ?? NaN
		}))
	);
	const members: number[] = [];
	for (let index = 0; index < votes.length; index++) {
		if (!Number.isNaN(data.score[index])) members.push(index);
	}
	return summarizeIndexed(data, members, countOutcomes(votes.map((vote) => vote.outcome)), z);
}

/** One category from votes indexed once for the whole analysis (`members`: its scored votes). */
export function summarizeIndexed(
	data: IndexedVotes,
	members: ArrayLike<number>,
	counts: OutcomeCounts,
	z = Z_95
): WinRateSummary {
	const clustered = clusteredMeanOf(data, members);
	const judged = members.length;
	let sum = 0;
	let squares = 0;
	for (let k = 0; k < judged; k++) {
		const score = data.score[members[k] as number] as number;
		sum += score;
		squares += score * score;
	}
	const m = judged === 0 ? Number.NaN : sum / judged;
	const naiveSe =
		judged > 1 ? Math.sqrt(Math.max(0, squares - judged * m * m) / (judged - 1) / judged) : NaN;
	return {
		...counts,
		n: judged + counts.bothBad,
		judged,
		winRate: winRate(counts),
		interval: clustered.interval,
		pValue: clustered.pValue,
		method: clustered.method,
		items: clustered.items,
		raters: clustered.raters,
		df: clustered.df,
		se: clustered.se,
		naive: {
			interval: {
				lower: Math.max(0, m - z * naiveSe),
				upper: Math.min(1, m + z * naiveSe)
			},
			pValue: naiveSe > 0 ? normalPValue(m, naiveSe) : Number.NaN
		}
	};
}
