// Cluster-aware inference for the mean score of pairwise votes (1 = A better, 0.5 = tie, 0 = B
// better; "both bad" is left out before anything here runs). Votes on one prompt share its
// difficulty and votes by one rater share the rater's taste, so they are not independent: the
// variance of the mean is estimated from cluster sums (the CRV1 sandwich of an OLS on a constant,
// statsmodels' `cov_type='cluster'` with its default small-sample factor G/(G−1)), and
// two-way clustering adds the rater sums and subtracts the item × rater cell sums (Cameron,
// Gelbach & Miller 2011, "Robust inference with multiway clustering", JBES 29(2)).
import type { Interval } from './types';
import { normalCdf, tQuantile, tTwoSided } from './distributions';
import { binomialTest } from './binomial';
import { Z_95 } from './special-functions';

export interface ScoredVote {
	itemId: string;
	raterId: string;
	/** 1, 0.5 or 0 from A's point of view. */
	score: number;
}

export interface NaiveMean {
	n: number;
	mean: number;
	/** Sample SD (n − 1) / √n: every vote treated as independent. */
	se: number;
	interval: Interval;
}

export interface ClusterVariance {
	nClusters: number;
	/** CRV1 variance of the mean; NaN with fewer than two clusters. */
	variance: number;
	se: number;
}

export interface TwoWayVariance {
	item: ClusterVariance;
	rater: ClusterVariance;
	intersection: ClusterVariance;
	/** V_item + V_rater − V_item×rater; may be ≤ 0 with few raters (then se is NaN). */
	variance: number;
	se: number;
}

export type ClusterMethod = 'item' | 'two-way';

export interface ClusteredMean {
	n: number;
	mean: number;
	method: ClusterMethod;
	variance: number;
	se: number;
	/** Degrees of freedom of the t reference: (number of clusters of the coarser kind) − 1. */
	df: number;
	/** mean ± t(0.975, df)·se. */
	interval: Interval;
	/** Two-sided t test of mean = 0.5: the interval excludes 0.5 exactly when p < 0.05. */
	pValue: number;
	items: number;
	raters: number;
}

/** Fewer rater clusters than this make the rater variance too noisy to use (it is shown apart). */
export const MIN_RATER_CLUSTERS = 10;

function mean(scores: readonly number[]): number {
	let sum = 0;
	for (const score of scores) sum += score;
	return scores.length === 0 ? Number.NaN : sum / scores.length;
}

export function naiveMean(scores: readonly number[], z = Z_95): NaiveMean {
	const n = scores.length;
	const m = mean(scores);
	let ss = 0;
	for (const score of scores) ss += (score - m) ** 2;
	const se = n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : Number.NaN;
	return { n, mean: m, se, interval: { lower: m - z * se, upper: m + z * se } };
}

/** CRV1 variance of the mean of `scores` clustered by `groups` (same length). */
export function clusterVariance(
	scores: readonly number[],
	groups: readonly string[]
): ClusterVariance {
	const n = scores.length;
	const m = mean(scores);
	const sums = new Map<string, number>();
	for (let index = 0; index < n; index++) {
		const group = groups[index] as string;
		sums.set(group, (sums.get(group) ?? 0) + (scores[index] as number) - m);
	}
	const g = sums.size;
	if (g < 2) return { nClusters: g, variance: Number.NaN, se: Number.NaN };
	// Summed in key order so the result does not depend on the order of the votes.
	let total = 0;
	for (const key of [...sums.keys()].sort()) total += (sums.get(key) as number) ** 2;
	const variance = ((g / (g - 1)) * total) / (n * n);
	return { nClusters: g, variance, se: Math.sqrt(variance) };
}

export function twoWayVariance(votes: readonly ScoredVote[]): TwoWayVariance {
	const scores = votes.map((vote) => vote.score);
	const item = clusterVariance(
		scores,
		votes.map((vote) => vote.itemId)
	);
	const rater = clusterVariance(
		scores,
		votes.map((vote) => vote.raterId)
	);
	const intersection = clusterVariance(
		scores,
		votes.map((vote) => `${vote.itemId}\u0000${vote.raterId}`)
	);
	const variance = item.variance + rater.variance - intersection.variance;
	return { item, rater, intersection, variance, se: variance > 0 ? Math.sqrt(variance) : NaN };
}

/**
 * The default: clustered by item, and also by rater once there are enough raters to estimate
 * the rater term — then the larger of the item-only and the two-way variance, so a noisy rater
 * term can never make the interval narrower than item clustering alone. The reference is t with
 * (fewest clusters − 1) degrees of freedom, which keeps the test near its level with 15–40 items.
 */
export function clusteredMean(votes: readonly ScoredVote[]): ClusteredMean {
	const scores = votes.map((vote) => vote.score);
	const m = mean(scores);
	const twoWay = twoWayVariance(votes);
	const items = twoWay.item.nClusters;
	const raters = twoWay.rater.nClusters;
	let method: ClusterMethod = 'item';
	let variance = twoWay.item.variance;
	let df = items - 1;
	if (raters >= MIN_RATER_CLUSTERS) {
		method = 'two-way';
		if (twoWay.variance > variance) variance = twoWay.variance;
		df = Math.min(items, raters) - 1;
	}
	const se = Math.sqrt(variance);
	const usable = df >= 1 && se > 0;
	const t = usable ? tQuantile(0.975, df) : Number.NaN;
	return {
		n: votes.length,
		mean: m,
		method,
		variance,
		se: usable ? se : Number.NaN,
		df,
		interval: usable ? { lower: m - t * se, upper: m + t * se } : { lower: NaN, upper: NaN },
		pValue: usable ? tTwoSided(Math.abs(m - 0.5) / se, df) : Number.NaN,
		items,
		raters
	};
}

/** Two-sided normal p-value of mean = 0.5 with a given standard error. */
export function normalPValue(m: number, se: number): number {
	return 2 * normalCdf(-Math.abs(m - 0.5) / se);
}

export interface ItemSignTest {
	above: number;
	below: number;
	exactlyHalf: number;
	pValue: number;
}

/** Sign test over items: does A win on more prompts than it loses? One prompt, one vote. */
export function itemSignTest(votes: readonly ScoredVote[]): ItemSignTest {
	const sums = new Map<string, { sum: number; count: number }>();
	for (const { itemId, score } of votes) {
		const entry = sums.get(itemId) ?? { sum: 0, count: 0 };
		entry.sum += score;
		entry.count++;
		sums.set(itemId, entry);
	}
	let above = 0;
	let below = 0;
	let exactlyHalf = 0;
	// Scores are multiples of 0.5, so 2·sum against count compares the item mean with 0.5 exactly.
	for (const { sum, count } of sums.values()) {
		if (2 * sum > count) above++;
		else if (2 * sum < count) below++;
		else exactlyHalf++;
	}
	return { above, below, exactlyHalf, pValue: binomialTest(above, above + below, 0.5) };
}

export interface IntraclassCorrelation {
	icc: number;
	meanClusterSize: number;
	/** 1 + (N/G − 1)·ICC: how many times the naive variance the clustered one is. */
	designEffect: number;
}

/** One-way ANOVA ICC by item, not truncated at 0 (Donner 1986 n₀ for unequal sizes). */
export function itemIcc(votes: readonly ScoredVote[]): IntraclassCorrelation {
	const byItem = new Map<string, { sum: number; count: number }>();
	for (const { itemId, score } of votes) {
		const entry = byItem.get(itemId) ?? { sum: 0, count: 0 };
		entry.sum += score;
		entry.count++;
		byItem.set(itemId, entry);
	}
	const n = votes.length;
	const g = byItem.size;
	const grand = mean(votes.map((vote) => vote.score));
	let ssb = 0;
	let sumSquaredSizes = 0;
	for (const key of [...byItem.keys()].sort()) {
		const { sum, count } = byItem.get(key) as { sum: number; count: number };
		ssb += count * (sum / count - grand) ** 2;
		sumSquaredSizes += count * count;
	}
	let ssw = 0;
	for (const { itemId, score } of votes) {
		const { sum, count } = byItem.get(itemId) as { sum: number; count: number };
		ssw += (score - sum / count) ** 2;
	}
	const msb = ssb / (g - 1);
	const msw = ssw / (n - g);
	const n0 = (n - sumSquaredSizes / n) / (g - 1);
	const icc = (msb - msw) / (msb + (n0 - 1) * msw);
	const meanClusterSize = n / g;
	return { icc, meanClusterSize, designEffect: 1 + (meanClusterSize - 1) * icc };
}
