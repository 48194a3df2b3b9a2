// The per-category numbers of §5: counts, win rate with ties as half, its Wilson interval and
// the exact sign test. "Both bad" is counted and shown but stays out of the rate: it says
// nothing about which model is better.
import type { Interval, Outcome } from './types';
import { signTest } from './binomial';
import { Z_95 } from './special-functions';
import { wilsonInterval } from './wilson';

export interface OutcomeCounts {
	wins: number;
	ties: number;
	losses: number;
	bothBad: number;
}

export interface WinRateSummary extends OutcomeCounts {
	/** Every vote, both-bad included. */
	n: number;
	/** wins + ties + losses: the denominator of the win rate. */
	judged: number;
	/** (wins + ties / 2) / judged; NaN when nothing was judged. */
	winRate: number;
	/** Wilson interval on wins + ties / 2 successes of `judged`. */
	interval: Interval;
	/** Exact two-sided sign test, wins against losses (ties left out); 1 with no decisive votes. */
	pValue: number;
}

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

export function summarizeCounts(counts: OutcomeCounts, z = Z_95): WinRateSummary {
	const { wins, ties, losses, bothBad } = counts;
	const judged = wins + ties + losses;
	return {
		wins,
		ties,
		losses,
		bothBad,
		n: judged + bothBad,
		judged,
		winRate: winRate(counts),
		interval: wilsonInterval(wins + ties / 2, judged, z),
		pValue: signTest(wins, losses)
	};
}
