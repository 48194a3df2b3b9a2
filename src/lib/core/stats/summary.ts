// The category analysis of the Results view (§5): per category the counts, win rate and its
// cluster-robust interval and test. Which categories are primary hypotheses is the caller's
// choice (a pre-registration, or a stated default); Holm runs within that family only — across
// every comparison of the study, see `applyFamily` — and every other category is exploratory.
import type { Vote } from './types';
import { holmAdjust } from './holm';
import { positionBiasFromCounts, winningSide, type PositionBias } from './position-bias';
import { Z_95 } from './special-functions';
import { indexVotes } from './cluster';
import {
	addOutcome,
	emptyCounts,
	SCORES,
	summarizeIndexed,
	type OutcomeCounts,
	type WinRateSummary
} from './win-rate';

export type Verdict = 'better' | 'worse' | 'undecided' | 'no-decisive-votes';

export interface CategoryResult extends WinRateSummary {
	/** 'overall', 'trait:x', 'domain:y', 'trait×domain:x×y', 'tag:z'. */
	category: string;
	family: 'primary' | 'exploratory';
	/** Holm-adjusted p within the primary family; NaN for exploratory categories. */
	adjustedPValue: number;
	/** Primary: from the adjusted p. Exploratory: from the unadjusted p, to be read as such. */
	verdict: Verdict;
}

export interface Headline {
	/** Primary hypotheses of this comparison (Y). */
	total: number;
	better: number;
	worse: number;
	/** Not significant after Holm, including those with no decisive votes. */
	undecided: number;
	noDecisiveVotes: number;
	preregistered: boolean;
}

export interface Summary {
	/** Every vote once, as the category 'overall'. */
	overall: CategoryResult;
	/** Sorted by category name. */
	categories: CategoryResult[];
	headline: Headline;
	/** Over every vote once. */
	positionBias: PositionBias;
	alpha: number;
}

export interface SummaryOptions {
	/** Family-wise error rate within the primary family; default 0.05. */
	alpha?: number;
	/** Categories ('overall' included) that are primary hypotheses; default: none. */
	primary?: ReadonlySet<string>;
	preregistered?: boolean;
	z?: number;
}

export const OVERALL = 'overall';

/** 'trait×domain:truthfulness×health' → 'trait×domain'; a name without a colon is its own kind. */
export function categoryKind(category: string): string {
	const colon = category.indexOf(':');
	return colon < 0 ? category : category.slice(0, colon);
}

export function verdictOf(row: WinRateSummary, p: number, alpha: number): Verdict {
	if (row.wins + row.losses === 0) return 'no-decisive-votes';
	if (p < alpha && row.winRate > 0.5) return 'better';
	if (p < alpha && row.winRate < 0.5) return 'worse';
	return 'undecided';
}

export function summarize(votes: Iterable<Vote>, options: SummaryOptions = {}): Summary {
	const { alpha = 0.05, primary = new Set<string>(), preregistered = false, z = Z_95 } = options;
	const all: Vote[] = [];
	const byCategory = new Map<string, { members: number[]; counts: OutcomeCounts }>();
	const overall = { members: [] as number[], counts: emptyCounts() };
	let left = 0;
	let right = 0;
	for (const vote of votes) {
		const index = all.length;
		all.push(vote);
		const side = winningSide(vote);
		if (side === 'left') left++;
		else if (side === 'right') right++;
		const scored = vote.outcome !== 'both-bad';
		addOutcome(overall.counts, vote.outcome);
		if (scored) overall.members.push(index);
		const { categories } = vote;
		for (let position = 0; position < categories.length; position++) {
			const category = categories[position];
			// A category listed twice on one vote would count the vote twice.
			if (category === undefined || categories.indexOf(category) !== position) continue;
			let entry = byCategory.get(category);
			if (!entry) byCategory.set(category, (entry = { members: [], counts: emptyCounts() }));
			addOutcome(entry.counts, vote.outcome);
			if (scored) entry.members.push(index);
		}
	}
	const data = indexVotes(
		all.map(({ itemId, raterId, outcome }) => ({ itemId, raterId, score: SCORES[outcome] ?? NaN }))
	);
	const row = (category: string, entry: typeof overall): CategoryResult => {
		const summary = summarizeIndexed(data, entry.members, entry.counts, z);
		return {
			category,
			...summary,
			family: primary.has(category) ? 'primary' : 'exploratory',
			adjustedPValue: Number.NaN,
			verdict: verdictOf(summary, summary.pValue, alpha)
		};
	};
	const names = [...byCategory.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const result: Summary = {
		overall: row(OVERALL, overall),
		categories: names.map((category) =>
			row(category, byCategory.get(category) ?? { members: [], counts: emptyCounts() })
		),
		headline: emptyHeadline(preregistered),
		positionBias: positionBiasFromCounts(left, right, z),
		alpha
	};
	applyFamily([result], alpha, preregistered);
	return result;
}

function emptyHeadline(preregistered: boolean): Headline {
	return { total: 0, better: 0, worse: 0, undecided: 0, noDecisiveVotes: 0, preregistered };
}

/** Every category row of a summary, the overall row first. */
export function rowsOf(summary: Summary): CategoryResult[] {
	return [summary.overall, ...summary.categories];
}

/**
 * Holm over the primary rows of all the summaries together (a study with three comparisons and
 * six primary traits has a family of 18), then each summary's headline over its own primary rows.
 * Missing p-values (no spread, one prompt) stay in the family as p = 1: a hypothesis the data
 * cannot test still counts against the error budget it was registered with.
 */
export function applyFamily(
	summaries: readonly Summary[],
	alpha: number,
	preregistered: boolean
): void {
	const primary = summaries.flatMap((summary) =>
		rowsOf(summary).filter((row) => row.family === 'primary')
	);
	const adjusted = holmAdjust(primary.map((row) => (Number.isNaN(row.pValue) ? 1 : row.pValue)));
	primary.forEach((row, index) => {
		row.adjustedPValue = adjusted[index] ?? 1;
		row.verdict = verdictOf(row, row.adjustedPValue, alpha);
	});
	for (const summary of summaries) {
		const headline = emptyHeadline(preregistered);
		for (const row of rowsOf(summary)) {
			if (row.family !== 'primary') continue;
			headline.total++;
			if (row.verdict === 'better') headline.better++;
			else if (row.verdict === 'worse') headline.worse++;
			else headline.undecided++;
			if (row.verdict === 'no-decisive-votes') headline.noDecisiveVotes++;
		}
		summary.headline = headline;
	}
}
