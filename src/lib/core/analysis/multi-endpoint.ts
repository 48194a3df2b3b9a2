// With three or more endpoints: the win matrix (each endpoint's win rate against each other one,
// with the same cluster-robust intervals as the comparison tables) and Bradley–Terry ratings per
// trait and per tag, fitted on the same votes and tie convention as the overall ratings.
import type { PairwiseComparison } from '../stats/bradley-terry';
import type { Interval } from '../stats/types';
import type { EndpointRef, JudgmentRecord } from '../codecs/judgment-record';
import { ratingsOf, type RatingsAnalysis } from './study-checks';
import { chosenSide, exclusionOf, type InclusionOptions } from './votes';

export interface MatrixCell {
	winRate: number;
	interval: Interval;
	judged: number;
}

export interface WinMatrixView {
	endpoints: EndpointRef[];
	/** cells[i][j]: endpoints[i] against endpoints[j]; undefined where the pair was not compared. */
	cells: (MatrixCell | undefined)[][];
}

interface ComparedPair {
	a: EndpointRef;
	b: EndpointRef;
	summary: { overall: { winRate: number; interval: Interval; judged: number } };
}

/** The matrix read off the comparisons: B's rate against A is 1 − A's, its interval mirrored. */
export function winMatrixView(
	endpoints: readonly EndpointRef[],
	comparisons: readonly ComparedPair[]
): WinMatrixView {
	const index = new Map(endpoints.map((endpoint, i) => [endpoint.id, i]));
	const cells: (MatrixCell | undefined)[][] = endpoints.map(() => endpoints.map(() => undefined));
	for (const { a, b, summary } of comparisons) {
		const i = index.get(a.id);
		const j = index.get(b.id);
		if (i === undefined || j === undefined) continue;
		const { winRate, interval, judged } = summary.overall;
		(cells[i] as (MatrixCell | undefined)[])[j] = { winRate, interval, judged };
		(cells[j] as (MatrixCell | undefined)[])[i] = {
			winRate: 1 - winRate,
			interval: { lower: 1 - interval.upper, upper: 1 - interval.lower },
			judged
		};
	}
	return { endpoints: [...endpoints], cells };
}

export interface CategoryRatings {
	category: string;
	ratings: RatingsAnalysis;
}

/**
 * Bradley–Terry per trait and per tag, for categories whose votes involve three or more
 * endpoints; `records` in canonical order. Categories sorted by name.
 */
export function ratingsByCategory(
	records: readonly JudgmentRecord[],
	options: InclusionOptions = {},
	resamples = 100
): CategoryRatings[] {
	const first = records[0];
	if (!first) return [];
	const byCategory = new Map<
		string,
		{ pairwise: PairwiseComparison[]; compared: Map<string, EndpointRef> }
	>();
	for (const record of records) {
		if (exclusionOf(record, options) !== undefined || record.overall === 'both-bad') continue;
		const side = chosenSide(record);
		const comparison: PairwiseComparison = {
			itemId: record.item.id,
			a: record.left.endpoint.id,
			b: record.right.endpoint.id,
			outcome: side === 'left' ? 'a' : side === 'right' ? 'b' : 'tie'
		};
		const categories = [
			...record.item.traits.map((trait) => `trait:${trait}`),
			...record.item.tags.map((tag) => `tag:${tag}`)
		];
		for (const category of categories) {
			let entry = byCategory.get(category);
			if (!entry) byCategory.set(category, (entry = { pairwise: [], compared: new Map() }));
			entry.pairwise.push(comparison);
			entry.compared.set(record.left.endpoint.id, record.left.endpoint);
			entry.compared.set(record.right.endpoint.id, record.right.endpoint);
		}
	}
	return [...byCategory.entries()]
		.filter(([, entry]) => entry.compared.size > 2)
		.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
		.map(([category, entry]) => ({
			category,
			ratings: ratingsOf(entry.pairwise, entry.compared, first, resamples)
		}));
}
