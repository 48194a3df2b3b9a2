// Per-rater figures: counts, decision time, attention checks, swap consistency and position
// bias with its exact test (Holm over raters), plus the study's left share clustered by rater,
// so a single rater who always picks the left side shows as one rater, not as hundreds of votes.
import type { ConsistencyReport } from '../stats/consistency';
import { clusterVariance } from '../stats/cluster';
import { tQuantile, tTwoSided } from '../stats/distributions';
import { holmAdjust } from '../stats/holm';
import { positionBiasFromCounts, type PositionBias } from '../stats/position-bias';
import { median } from '../stats/quantile';
import type { Interval } from '../stats/types';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface RaterFigures {
	raterId: string;
	judgments: number;
	skipped: number;
	/** Median time to decide over the rater's non-skipped judgments (ms); NaN when none. */
	medianDecisionMs: number;
	/** Share of the rater's decisive verdicts that chose the left side, exact test against ½. */
	positionBias: PositionBias;
	/** The rater's position-bias p, Holm-adjusted over all raters. */
	positionAdjustedPValue: number;
	attentionPassed: number;
	attentionTotal: number;
	/** Same verdict about the endpoints on swap re-shows (pairs 0 when none). */
	swapPairs: number;
	swapConsistent: number;
}

export interface RaterAccumulator {
	judgments: number;
	skipped: number;
	decisionMs: number[];
	left: number;
	right: number;
	attentionPassed: number;
	attentionTotal: number;
}

export function raterFigures(
	raters: Map<string, RaterAccumulator>,
	consistency: ConsistencyReport
): RaterFigures[] {
	const consistencyByRater = new Map(consistency.raters.map((row) => [row.raterId, row]));
	const rows = [...raters.entries()]
		.sort(([x], [y]) => byText(x, y))
		.map(([raterId, accumulator]) => {
			const pairs = consistencyByRater.get(raterId);
			return {
				raterId,
				judgments: accumulator.judgments,
				skipped: accumulator.skipped,
				medianDecisionMs: median(accumulator.decisionMs),
				positionBias: positionBiasFromCounts(accumulator.left, accumulator.right),
				positionAdjustedPValue: Number.NaN,
				attentionPassed: accumulator.attentionPassed,
				attentionTotal: accumulator.attentionTotal,
				swapPairs: pairs?.pairs ?? 0,
				swapConsistent: pairs?.consistent ?? 0
			};
		});
	const adjusted = holmAdjust(rows.map((row) => row.positionBias.pValue));
	rows.forEach((row, index) => (row.positionAdjustedPValue = adjusted[index] ?? Number.NaN));
	return rows;
}

export interface ClusteredShare {
	leftShare: number;
	interval: Interval;
	pValue: number;
	raters: number;
}

/** Left share of decisive verdicts, cluster-robust by rater (t with raters − 1 df). */
export function clusteredShare(raters: Map<string, RaterAccumulator>): ClusteredShare {
	const scores: number[] = [];
	const groups: string[] = [];
	for (const [raterId, { left, right }] of raters) {
		for (let k = 0; k < left + right; k++) {
			scores.push(k < left ? 1 : 0);
			groups.push(raterId);
		}
	}
	const share = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : Number.NaN;
	const { nClusters, se } = clusterVariance(scores, groups);
	if (!(nClusters >= 2 && se > 0)) {
		return {
			leftShare: share,
			interval: { lower: NaN, upper: NaN },
			pValue: NaN,
			raters: nClusters
		};
	}
	const t = tQuantile(0.975, nClusters - 1);
	return {
		leftShare: share,
		interval: { lower: Math.max(0, share - t * se), upper: Math.min(1, share + t * se) },
		pValue: tTwoSided(Math.abs(share - 0.5) / se, nClusters - 1),
		raters: nClusters
	};
}

export function raterOf(raters: Map<string, RaterAccumulator>, raterId: string): RaterAccumulator {
	let rater = raters.get(raterId);
	if (!rater) {
		rater = {
			judgments: 0,
			skipped: 0,
			decisionMs: [],
			left: 0,
			right: 0,
			attentionPassed: 0,
			attentionTotal: 0
		};
		raters.set(raterId, rater);
	}
	return rater;
}
