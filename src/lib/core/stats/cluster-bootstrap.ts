// Item-cluster bootstrap of the mean score: draw prompts with replacement and take the pooled
// mean of all their votes (a prompt drawn twice counts twice). Prompts are taken in id order and
// the generator is seeded by the caller, so the same votes in any order give the same interval.
import type { Interval, RandomSource } from './types';
import { itemTotals, type ScoredVote } from './cluster';
import { quantile } from './quantile';

export interface ClusterBootstrap {
	resamples: number;
	/** Percentile interval (type 7 quantiles, as numpy's default). */
	interval: Interval;
	se: number;
}

export function itemBootstrap(
	votes: readonly ScoredVote[],
	random: RandomSource,
	resamples = 2000,
	level = 0.95
): ClusterBootstrap {
	const byItem = itemTotals(votes);
	const keys = [...byItem.keys()].sort();
	const sums = keys.map((key) => byItem.get(key)?.sum ?? 0);
	const counts = keys.map((key) => byItem.get(key)?.count ?? 0);
	const g = keys.length;
	if (g === 0) return { resamples, interval: { lower: NaN, upper: NaN }, se: NaN };
	const stats = new Array<number>(resamples);
	let total = 0;
	for (let b = 0; b < resamples; b++) {
		let sum = 0;
		let count = 0;
		for (let draw = 0; draw < g; draw++) {
			const index = Math.floor(random() * g);
			sum += sums[index] as number;
			count += counts[index] as number;
		}
		stats[b] = sum / count;
		total += sum / count;
	}
	const m = total / resamples;
	let ss = 0;
	for (const value of stats) ss += (value - m) ** 2;
	const tail = (1 - level) / 2;
	return {
		resamples,
		interval: { lower: quantile(stats, tail), upper: quantile(stats, 1 - tail) },
		se: Math.sqrt(ss / (resamples - 1))
	};
}
