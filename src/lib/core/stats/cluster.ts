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
import { wilsonInterval } from './wilson';

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

/**
 * 'item' / 'two-way': cluster-robust t. 'prompt-sign-test': every prompt has the same mean (all
 * wins, say), so the variance estimate is 0 and cannot be used; the test is then the exact sign
 * test over prompts and the interval Wilson's over prompts.
 */
export type ClusterMethod = 'item' | 'two-way' | 'prompt-sign-test';

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

/**
 * CRV1 variance of a mean from its clusters' score sums and sizes: each cluster's residual sum
 * is S_g − n_g·mean. Scores are multiples of ½, so the sums are exact and the result does not
 * depend on the order of the votes.
 */
function crv1(
	sums: ArrayLike<number>,
	counts: ArrayLike<number>,
	n: number,
	m: number
): ClusterVariance {
	let g = 0;
	let total = 0;
	for (let index = 0; index < sums.length; index++) {
		const count = counts[index] as number;
		if (count === 0) continue;
		g++;
		total += ((sums[index] as number) - count * m) ** 2;
	}
	if (g < 2) return { nClusters: g, variance: Number.NaN, se: Number.NaN };
	const variance = ((g / (g - 1)) * total) / (n * n);
	return { nClusters: g, variance, se: Math.sqrt(variance) };
}

function add(sums: Float64Array, counts: Float64Array, group: number, score: number): void {
	sums[group] = (sums[group] as number) + score;
	counts[group] = (counts[group] as number) + 1;
}

/** Dense ids 0… in sorted order of the labels, so results never depend on input order. */
export function denseIds(labels: readonly string[]): { ids: Int32Array; size: number } {
	const sorted = [...new Set(labels)].sort();
	const index = new Map(sorted.map((label, position) => [label, position]));
	const ids = new Int32Array(labels.length);
	labels.forEach((label, position) => (ids[position] = index.get(label) as number));
	return { ids, size: sorted.length };
}

/** CRV1 variance of the mean of `scores` clustered by `groups` (same length). */
export function clusterVariance(
	scores: readonly number[],
	groups: readonly string[]
): ClusterVariance {
	const { ids, size } = denseIds(groups);
	const sums = new Float64Array(size);
	const counts = new Float64Array(size);
	scores.forEach((score, index) => add(sums, counts, ids[index] as number, score));
	return crv1(sums, counts, scores.length, mean(scores));
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

/** CRV1 variance over prompt × rater cells: dense arrays when the grid is small, else a map. */
function cellVariance(
	data: IndexedVotes,
	members: ArrayLike<number>,
	n: number,
	m: number
): ClusterVariance {
	const size = data.itemCount * data.raterCount;
	const key = (index: number) =>
		(data.item[index] as number) * data.raterCount + (data.rater[index] as number);
	if (size <= 4_000_000) {
		const sums = new Float64Array(size);
		const counts = new Float64Array(size);
		for (let k = 0; k < n; k++) {
			const index = members[k] as number;
			add(sums, counts, key(index), data.score[index] as number);
		}
		return crv1(sums, counts, n, m);
	}
	const cells = new Map<number, { sum: number; count: number }>();
	for (let k = 0; k < n; k++) {
		const index = members[k] as number;
		const cell = cells.get(key(index)) ?? { sum: 0, count: 0 };
		cell.sum += data.score[index] as number;
		cell.count++;
		cells.set(key(index), cell);
	}
	const keys = [...cells.keys()].sort((x, y) => x - y);
	return crv1(
		keys.map((k) => cells.get(k)?.sum ?? 0),
		keys.map((k) => cells.get(k)?.count ?? 0),
		n,
		m
	);
}

/** Votes as parallel arrays with dense item and rater ids (see denseIds). */
export interface IndexedVotes {
	score: ArrayLike<number>;
	item: ArrayLike<number>;
	rater: ArrayLike<number>;
	itemCount: number;
	raterCount: number;
}

export function indexVotes(votes: readonly ScoredVote[]): IndexedVotes {
	const items = denseIds(votes.map((vote) => vote.itemId));
	const raters = denseIds(votes.map((vote) => vote.raterId));
	return {
		score: votes.map((vote) => vote.score),
		item: items.ids,
		rater: raters.ids,
		itemCount: items.size,
		raterCount: raters.size
	};
}

const T_975 = new Map<number, number>();
function t975(df: number): number {
	let t = T_975.get(df);
	if (t === undefined) T_975.set(df, (t = tQuantile(0.975, df)));
	return t;
}

/** Fewer rater clusters than this make the rater variance too noisy to use (it is shown apart). */
export const MIN_RATER_CLUSTERS = 10;

export function clusteredMean(votes: readonly ScoredVote[]): ClusteredMean {
	const indexed = indexVotes(votes);
	return clusteredMeanOf(
		indexed,
		Array.from({ length: votes.length }, (_, index) => index)
	);
}

/**
 * The default: clustered by item, and also by rater once there are enough raters to estimate
 * the rater term — then the larger of the item-only and the two-way variance, so a noisy rater
 * term can never make the interval narrower than item clustering alone. The reference is t with
 * (fewest clusters − 1) degrees of freedom, which keeps the test near its level with 15–40 items.
 * `members` picks the votes (indices into `data`) — one category of a study.
 */
export function clusteredMeanOf(data: IndexedVotes, members: ArrayLike<number>): ClusteredMean {
	const n = members.length;
	const itemSums = new Float64Array(data.itemCount);
	const itemCounts = new Float64Array(data.itemCount);
	const raterSums = new Float64Array(data.raterCount);
	const raterCounts = new Float64Array(data.raterCount);
	let total = 0;
	for (let k = 0; k < n; k++) {
		const index = members[k] as number;
		const score = data.score[index] as number;
		total += score;
		add(itemSums, itemCounts, data.item[index] as number, score);
		add(raterSums, raterCounts, data.rater[index] as number, score);
	}
	const m = n === 0 ? Number.NaN : total / n;
	const item = crv1(itemSums, itemCounts, n, m);
	const rater = crv1(raterSums, raterCounts, n, m);
	const items = item.nClusters;
	const raters = rater.nClusters;
	let method: ClusterMethod = 'item';
	let variance = item.variance;
	let df = items - 1;
	if (raters >= MIN_RATER_CLUSTERS) {
		method = 'two-way';
		const intersection = cellVariance(data, members, n, m);
		const twoWay = item.variance + rater.variance - intersection.variance;
		if (twoWay > variance) variance = twoWay;
		df = Math.min(items, raters) - 1;
	}
	const se = Math.sqrt(variance);
	const usable = df >= 1 && se > 0;
	if (variance === 0 && items >= 1) {
		// Every prompt's mean equals the overall mean: no spread to estimate from.
		const share = m * items;
		return {
			n,
			mean: m,
			method: 'prompt-sign-test',
			variance,
			se: Number.NaN,
			df,
			interval: wilsonInterval(share, items),
			pValue: m === 0.5 ? 1 : binomialTest(m > 0.5 ? items : 0, items, 0.5),
			items,
			raters
		};
	}
	const t = usable ? t975(df) : Number.NaN;
	return {
		n,
		mean: m,
		method,
		variance,
		se: usable ? se : Number.NaN,
		df,
		interval: usable
			? { lower: Math.max(0, m - t * se), upper: Math.min(1, m + t * se) }
			: { lower: NaN, upper: NaN },
		pValue: usable ? tTwoSided(Math.abs(m - 0.5) / se, df) : Number.NaN,
		items,
		raters
	};
}

/** Two-sided normal p-value of mean = 0.5 with a given standard error. */
export function normalPValue(m: number, se: number): number {
	return 2 * normalCdf(-Math.abs(m - 0.5) / se);
}

export interface ItemTotal {
	sum: number;
	count: number;
}

/** Each prompt's votes summed and counted (keys in first-seen order: sort them where it matters). */
export function itemTotals(votes: readonly ScoredVote[]): Map<string, ItemTotal> {
	const totals = new Map<string, ItemTotal>();
	for (const { itemId, score } of votes) {
		const entry = totals.get(itemId) ?? { sum: 0, count: 0 };
		entry.sum += score;
		entry.count++;
		totals.set(itemId, entry);
	}
	return totals;
}

export interface ItemSignTest {
	above: number;
	below: number;
	exactlyHalf: number;
	pValue: number;
}

/** Sign test over items: does A win on more prompts than it loses? One prompt, one vote. */
export function itemSignTest(votes: readonly ScoredVote[]): ItemSignTest {
	const sums = itemTotals(votes);
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
	const byItem = itemTotals(votes);
	const n = votes.length;
	const g = byItem.size;
	const grand = mean(votes.map((vote) => vote.score));
	let ssb = 0;
	let sumSquaredSizes = 0;
	for (const key of [...byItem.keys()].sort()) {
		const { sum, count } = byItem.get(key) as ItemTotal;
		ssb += count * (sum / count - grand) ** 2;
		sumSquaredSizes += count * count;
	}
	let ssw = 0;
	for (const { itemId, score } of votes) {
		const { sum, count } = byItem.get(itemId) as ItemTotal;
		ssw += (score - sum / count) ** 2;
	}
	const msb = ssb / (g - 1);
	const msw = ssw / (n - g);
	const n0 = (n - sumSquaredSizes / n) / (g - 1);
	const icc = (msb - msw) / (msb + (n0 - 1) * msw);
	const meanClusterSize = n / g;
	return { icc, meanClusterSize, designEffect: 1 + (meanClusterSize - 1) * icc };
}
