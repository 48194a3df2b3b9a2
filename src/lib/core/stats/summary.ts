// The category analysis of the Results view (§5): per category the counts, win rate, Wilson
// interval and exact sign test, Holm-corrected across every category of the analysis, and the
// paper-style headline "trained better in X of Y categories, Z significantly".
import type { Vote } from './types';
import { holmAdjust } from './holm';
import { positionBiasFromCounts, winningSide, type PositionBias } from './position-bias';
import { Z_95 } from './special-functions';
import {
	addOutcome,
	emptyCounts,
	summarizeCounts,
	type OutcomeCounts,
	type WinRateSummary
} from './win-rate';

export interface CategoryResult extends WinRateSummary {
	category: string;
	/** Holm-adjusted sign-test p over all categories of this analysis. */
	adjustedPValue: number;
	/** Win rate above 0.5 (equivalently, more wins than losses). */
	better: boolean;
	/** Adjusted p below alpha — in either direction; read with `better`. */
	significant: boolean;
}

export interface Headline {
	/** Categories where the trained model's win rate is above 0.5. */
	better: number;
	/** All categories analysed. */
	total: number;
	/** Better and significant after Holm correction. */
	significant: number;
	/** Worse (win rate below 0.5) and significant after Holm correction. */
	significantWorse: number;
}

export interface Summary {
	/** Every vote once, whatever its categories. */
	overall: WinRateSummary;
	/** Sorted by category name. */
	categories: CategoryResult[];
	headline: Headline;
	/** Over every vote once. */
	positionBias: PositionBias;
	alpha: number;
}

export interface SummaryOptions {
	/** Family-wise error rate for `significant`; default 0.05. */
	alpha?: number;
	/** z of the Wilson intervals; default 1.96 (95%). */
	z?: number;
}

/** 'trait×domain:truthfulness×health' → 'trait×domain'; a name without a colon is its own kind. */
export function categoryKind(category: string): string {
	const colon = category.indexOf(':');
	return colon < 0 ? category : category.slice(0, colon);
}

export function summarize(votes: Iterable<Vote>, options: SummaryOptions = {}): Summary {
	const { alpha = 0.05, z = Z_95 } = options;
	const overallCounts = emptyCounts();
	const byCategory = new Map<string, OutcomeCounts>();
	let left = 0;
	let right = 0;
	// One pass over the votes; per vote only a few Map lookups, so 10⁵ votes take milliseconds.
	for (const vote of votes) {
		addOutcome(overallCounts, vote.outcome);
		const side = winningSide(vote);
		if (side === 'left') left++;
		else if (side === 'right') right++;
		const { categories } = vote;
		for (let index = 0; index < categories.length; index++) {
			const category = categories[index];
			// A category listed twice on one vote would count the vote twice.
			if (category === undefined || categories.indexOf(category) !== index) continue;
			let counts = byCategory.get(category);
			if (!counts) byCategory.set(category, (counts = emptyCounts()));
			addOutcome(counts, vote.outcome);
		}
	}
	const names = [...byCategory.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const rows = names.map((category) => ({
		category,
		...summarizeCounts(byCategory.get(category) ?? emptyCounts(), z)
	}));
	const adjusted = holmAdjust(rows.map((row) => row.pValue));
	const categories: CategoryResult[] = rows.map((row, index) => {
		const adjustedPValue = adjusted[index] ?? 1;
		return {
			...row,
			adjustedPValue,
			better: row.winRate > 0.5,
			significant: adjustedPValue < alpha
		};
	});
	const headline: Headline = {
		better: 0,
		total: categories.length,
		significant: 0,
		significantWorse: 0
	};
	for (const row of categories) {
		if (row.better) headline.better++;
		if (row.significant && row.better) headline.significant++;
		if (row.significant && row.winRate < 0.5) headline.significantWorse++;
	}
	return {
		overall: summarizeCounts(overallCounts, z),
		categories,
		headline,
		positionBias: positionBiasFromCounts(left, right, z),
		alpha
	};
}
