// A contrast between two subsets of one study's votes (e.g. the trained model's win rate on
// harmful-steer prompts minus that on helpful-steer prompts), with a variance that respects
// clustering by prompt. The difference of means is linear in the votes: each vote of the first
// subset contributes (s − m₁)/n₁ and each of the second −(s − m₂)/n₂ (a vote in both, both). The
// CRV1 variance is then G/(G−1) Σ_g (Σ contributions in prompt g)², the same sandwich as for a
// single mean (cluster.ts), so overlapping subsets are handled and disjoint ones reduce to the sum
// of the two clustered variances. The test is t with (prompts − 1) degrees of freedom.
import type { ScoredVote } from './cluster';
import { tQuantile, tTwoSided } from './distributions';
import type { Interval } from './types';

export interface MeanContrast {
	first: { n: number; mean: number };
	second: { n: number; mean: number };
	/** mean(first) − mean(second). */
	difference: number;
	se: number;
	df: number;
	/** difference ± t(0.975, df)·se; NaN bounds when it cannot be estimated. */
	interval: Interval;
	/** Two-sided t test of no difference; NaN without two prompts or without spread. */
	pValue: number;
}

function meanOf(votes: readonly ScoredVote[]): number {
	return votes.length === 0 ? NaN : votes.reduce((sum, vote) => sum + vote.score, 0) / votes.length;
}

export function meanContrast(
	first: readonly ScoredVote[],
	second: readonly ScoredVote[]
): MeanContrast {
	const m1 = meanOf(first);
	const m2 = meanOf(second);
	const difference = m1 - m2;
	const sums = new Map<string, number>();
	const add = (vote: ScoredVote, value: number) =>
		sums.set(vote.itemId, (sums.get(vote.itemId) ?? 0) + value);
	for (const vote of first) add(vote, (vote.score - m1) / first.length);
	for (const vote of second) add(vote, -(vote.score - m2) / second.length);
	const g = sums.size;
	let squares = 0;
	for (const sum of sums.values()) squares += sum * sum;
	const variance = g > 1 ? (squares * g) / (g - 1) : NaN;
	const se = Math.sqrt(variance);
	const df = g - 1;
	const usable = first.length > 0 && second.length > 0 && df >= 1 && se > 0;
	const t = usable ? tQuantile(0.975, df) : NaN;
	return {
		first: { n: first.length, mean: m1 },
		second: { n: second.length, mean: m2 },
		difference,
		se: usable ? se : NaN,
		df,
		interval: usable
			? { lower: difference - t * se, upper: difference + t * se }
			: { lower: NaN, upper: NaN },
		pValue: usable ? tTwoSided(Math.abs(difference) / se, df) : NaN
	};
}
