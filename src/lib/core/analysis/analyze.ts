// The whole analysis of §5 for one study, from export records: per comparison the category
// summary (headline over the primary family, win rates with cluster-robust intervals and tests,
// Holm within the family), cross-checks of the overall figure, the per-trait answers, rater
// agreement, length bias and the power plan; per study the exclusions, position bias, swap
// consistency, per-rater figures and — with more than two endpoints — Bradley–Terry ratings with
// a prompt-resampling bootstrap. Records are put in one canonical order first (creation time,
// then id), so the same judgments give the same numbers whatever order they arrive in. Pure and
// synchronous: the same function runs in the Results view and in `npm run analyze`.
import { outcomeAgreement, type OutcomeAgreement } from '../stats/agreement';
import type { PairwiseComparison } from '../stats/bradley-terry';
import { positionConsistency, type ConsistencyReport, type SwapPair } from '../stats/consistency';
import { lengthBias, type LengthBias, type LengthVote } from '../stats/length-bias';
import { positionBiasFromCounts, type PositionBias } from '../stats/position-bias';
import { applyFamily, summarize, type Summary } from '../stats/summary';
import { defaultFamily } from './preregistration';
import {
	clusteredShare,
	raterFigures,
	raterOf,
	type ClusteredShare,
	type RaterAccumulator,
	type RaterFigures
} from './raters';
export type { ClusteredShare, RaterFigures } from './raters';
import { styleControl, type StyleControl } from '../stats/style-control';
import { SCORES } from '../stats/win-rate';
import { monitoring, type Monitoring } from './monitoring';
import { crossChecks, ratingsOf, type CrossChecks, type RatingsAnalysis } from './study-checks';
export type { CrossChecks, RatingRow, RatingsAnalysis } from './study-checks';
import type { Vote } from '../stats/types';
import type { Preregistration } from '../schema/study';
import type { EndpointRef, JudgmentRecord } from '../codecs/judgment-record';
import { powerPlan, type PowerPlan, type PowerSettings } from './power-plan';
import { flagRates, leakFlaggedByEndpoint, type EndpointLeakCount, type FlagRate } from './flags';
import { persistenceOf, type PersistenceReport } from './persistence';
import { ratingsByCategory, type CategoryRatings } from './multi-endpoint';
import {
	answerLength,
	CategoryCache,
	chosenSide,
	comparisonOf,
	exclusionOf,
	ofRaterKind,
	outcomeFor,
	traitOutcome,
	voteOf,
	type Comparison,
	type InclusionOptions,
	type RaterKindFilter
} from './votes';

export interface AnalysisOptions extends InclusionOptions, Partial<PowerSettings> {
	/** Bootstrap resamples for Bradley–Terry intervals; default 200. */
	resamples?: number;
	/** Raters left out of everything: the "without this rater" view. */
	excludeRaters?: readonly string[];
	/** Whose verdicts count: human raters only unless asked (model judges are analysed apart). */
	raterKind?: RaterKindFilter;
}

export interface ExclusionCounts {
	/** Every judgment of the study in the input. */
	judgments: number;
	/** Counted in the win rates. */
	included: number;
	skipped: number;
	attention: number;
	leakFlagged: number;
	/** Swap re-shows: used for position consistency, not counted twice in win rates. */
	swaps: number;
}

export interface ComparisonAnalysis extends Comparison {
	/** Overall verdicts by trait, domain, trait × domain and tag. */
	summary: Summary;
	checks: CrossChecks;
	/** Anytime-valid intervals for the primary hypotheses (safe to watch while collecting). */
	monitoring: Monitoring;
	/** Answers to the per-trait questions (`trait:<name>`), when the rubric asked them. */
	traitAnswers: Summary;
	agreement: OutcomeAgreement;
	lengthBias: LengthBias;
	/** Win rate at equal length with the screen position averaged out. */
	styleControl: StyleControl;
	power: PowerPlan;
}

export interface StudyAnalysis {
	study: { id: string; name: string; kind: string };
	/** The locked primary family, or null when the study was not pre-registered. */
	preregistration: Preregistration | null;
	/** The primary hypotheses used (registered, or the stated default). */
	primary: string[];
	excludedRaters: string[];
	endpoints: EndpointRef[];
	counts: ExclusionCounts;
	comparisons: ComparisonAnalysis[];
	/** Over all included verdicts and swap re-shows: left share of decisive verdicts. */
	positionBias: PositionBias;
	/** The same share with votes clustered by rater: one biased rater cannot carry it alone. */
	positionBiasByRater: ClusteredShare;
	consistency: ConsistencyReport;
	raters: RaterFigures[];
	/** Bradley–Terry when more than two endpoints were compared, else null. */
	ratings: RatingsAnalysis | null;
	/** Per-side flag rates per endpoint: overall, per trait and per tag. */
	flags: FlagRate[];
	/** Per endpoint, judgments left out as leak-flagged (0 for endpoints never flagged). */
	leaksByEndpoint: EndpointLeakCount[];
	/** Harmful-steer, helpful-steer and pressure arms, when the study has such prompts. */
	persistence: PersistenceReport | undefined;
	/** Bradley–Terry per trait and per tag, with more than two endpoints (else empty). */
	categoryRatings: CategoryRatings[];
}

export interface ComparisonAccumulator extends Comparison {
	votes: Vote[];
	traitVotes: Vote[];
	lengths: (LengthVote & { itemId: string; aOnLeft: boolean })[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Splits records by study and analyses each; studies sorted by name, then id. */
export function analyzeRecords(
	records: Iterable<JudgmentRecord>,
	options: AnalysisOptions = {}
): StudyAnalysis[] {
	const byStudy = new Map<string, JudgmentRecord[]>();
	for (const record of records) {
		let list = byStudy.get(record.study.id);
		if (!list) byStudy.set(record.study.id, (list = []));
		list.push(record);
	}
	return [...byStudy.values()]
		.filter((list) => list.some((record) => ofRaterKind(record, options.raterKind)))
		.map((list) => analyzeStudy(list, options))
		.sort((x, y) => byText(x.study.name, y.study.name) || byText(x.study.id, y.study.id));
}

/** The canonical order: creation time, then judgment id (ids are unique). */
export function canonicalOrder(records: readonly JudgmentRecord[]): JudgmentRecord[] {
	return [...records].sort((x, y) => byText(x.createdAt, y.createdAt) || byText(x.id, y.id));
}

export function analyzeStudy(
	input: readonly JudgmentRecord[],
	options: AnalysisOptions = {}
): StudyAnalysis {
	const excludedRaters = [...new Set(options.excludeRaters ?? [])].sort();
	const records = canonicalOrder(
		input.filter(
			(record) => ofRaterKind(record, options.raterKind) && !excludedRaters.includes(record.raterId)
		)
	);
	const first = records[0];
	if (!first) throw new RangeError('analyzeStudy needs at least one record');
	const counts: ExclusionCounts = {
		judgments: 0,
		included: 0,
		skipped: 0,
		attention: 0,
		leakFlagged: 0,
		swaps: 0
	};
	const comparisons = new Map<string, ComparisonAccumulator>();
	const raters = new Map<string, RaterAccumulator>();
	const categories = new CategoryCache();
	const pairwise: PairwiseComparison[] = [];
	const compared = new Map<string, EndpointRef>();
	let left = 0;
	let right = 0;

	for (const record of records) {
		counts.judgments++;
		const rater = raterOf(raters, record.raterId);
		rater.judgments++;
		if (record.overall === null) rater.skipped++;
		else rater.decisionMs.push(record.decisionMs);
		if (record.trial.kind === 'attention' && record.trial.gold) {
			rater.attentionTotal++;
			if (chosenSide(record) === record.trial.gold) rater.attentionPassed++;
		}
		const exclusion = exclusionOf(record, options);
		const side = chosenSide(record);
		// Position bias reads swap re-shows too: they are balanced by construction.
		if (exclusion === undefined || exclusion === 'swap') {
			if (side === 'left') {
				left++;
				rater.left++;
			} else if (side === 'right') {
				right++;
				rater.right++;
			}
		}
		if (exclusion !== undefined) {
			countExclusion(counts, exclusion);
			continue;
		}
		counts.included++;
		const comparison = comparisonOf(record);
		let accumulator = comparisons.get(comparison.key);
		if (!accumulator) {
			accumulator = { ...comparison, votes: [], traitVotes: [], lengths: [] };
			comparisons.set(comparison.key, accumulator);
		}
		const vote = voteOf(record, comparison, categories.get(record.item));
		if (!vote) continue;
		accumulator.votes.push(vote);
		for (const [trait, choice] of Object.entries(record.traitChoices)) {
			accumulator.traitVotes.push({
				...vote,
				outcome: traitOutcome(choice, comparison.a.id),
				categories: [`trait:${trait}`]
			});
		}
		const aSide = record.left.endpoint.id === comparison.a.id ? record.left : record.right;
		const bSide = aSide === record.left ? record.right : record.left;
		accumulator.lengths.push({
			outcome: vote.outcome,
			trainedLength: answerLength(aSide),
			baselineLength: answerLength(bSide),
			itemId: record.item.id,
			aOnLeft: aSide === record.left
		});
		compared.set(record.left.endpoint.id, record.left.endpoint);
		compared.set(record.right.endpoint.id, record.right.endpoint);
		// Both bad says nothing about which is better: out of Bradley–Terry as out of the win rate.
		if (record.overall !== 'both-bad')
			pairwise.push({
				itemId: record.item.id,
				a: record.left.endpoint.id,
				b: record.right.endpoint.id,
				outcome: side === 'left' ? 'a' : side === 'right' ? 'b' : 'tie'
			});
	}

	const consistency = positionConsistency(swapPairs(records));
	const registration = first.study.preregistration ?? null;
	const alpha = registration?.alpha ?? options.alpha ?? 0.05;
	const seen = new Set<string>();
	for (const accumulator of comparisons.values()) {
		for (const vote of accumulator.votes)
			for (const category of vote.categories) seen.add(category);
	}
	const primary = registration ? [...registration.hypotheses] : defaultFamily(seen);
	const primarySet = new Set(primary);
	const ordered = [...comparisons.values()].sort(
		(x, y) => byText(x.a.label, y.a.label) || byText(x.b.label, y.b.label)
	);
	const summaries = ordered.map((accumulator) =>
		summarize(accumulator.votes, { alpha, primary: primarySet, preregistered: !!registration })
	);
	applyFamily(summaries, alpha, !!registration);
	return {
		study: { id: first.study.id, name: first.study.name, kind: first.study.kind },
		preregistration: registration,
		primary,
		excludedRaters,
		endpoints: first.study.endpoints,
		counts,
		comparisons: ordered.map((accumulator, index) => {
			const summary = summaries[index] as Summary;
			const checks = crossChecks(accumulator, first);
			const rows = [summary.overall, ...summary.categories].filter(
				(row) => row.family === 'primary'
			);
			const { judged, ties } = summary.overall;
			const observed = {
				designEffect: checks.icc.meanClusterSize > 1.5 ? checks.icc.designEffect : undefined,
				tieRate: judged >= 20 ? ties / judged : undefined
			};
			return {
				key: accumulator.key,
				a: accumulator.a,
				b: accumulator.b,
				summary,
				checks,
				monitoring: monitoring(rows, alpha),
				traitAnswers: summarize(accumulator.traitVotes, { alpha }),
				agreement: outcomeAgreement(accumulator.votes),
				lengthBias: lengthBias(accumulator.lengths),
				styleControl: styleControl(
					accumulator.lengths.map((vote) => ({
						itemId: vote.itemId,
						score: SCORES[vote.outcome] ?? NaN,
						charsDiff: vote.trainedLength - vote.baselineLength,
						aOnLeft: vote.aOnLeft
					}))
				),
				power: powerPlan(rows, { ...options, alpha }, observed)
			};
		}),
		positionBias: positionBiasFromCounts(left, right),
		consistency,
		raters: raterFigures(raters, consistency),
		positionBiasByRater: clusteredShare(raters),
		ratings:
			compared.size > 2 ? ratingsOf(pairwise, compared, first, options.resamples ?? 200) : null,
		flags: flagRates(records, options),
		leaksByEndpoint: leakFlaggedByEndpoint(records),
		persistence: persistenceOf(records, options),
		categoryRatings:
			compared.size > 2
				? ratingsByCategory(records, options, Math.min(100, options.resamples ?? 100))
				: []
	};
}

function countExclusion(counts: ExclusionCounts, exclusion: string): void {
	if (exclusion === 'skipped') counts.skipped++;
	else if (exclusion === 'attention') counts.attention++;
	else if (exclusion === 'leak-flagged') counts.leakFlagged++;
	else if (exclusion === 'swap') counts.swaps++;
}

/** A swap re-show and the same rater's verdict on the trial it re-shows, both from A's view. */
export function swapPairs(records: readonly JudgmentRecord[]): SwapPair[] {
	const verdicts = new Map<string, JudgmentRecord>();
	for (const record of records) {
		if (record.trial.kind !== 'swap' && record.overall !== null) {
			const key = `${record.raterId}\u0000${record.trial.id}`;
			if (!verdicts.has(key)) verdicts.set(key, record);
		}
	}
	const pairs: SwapPair[] = [];
	for (const record of records) {
		const { swapOf } = record.trial;
		if (record.trial.kind !== 'swap' || swapOf === undefined || record.overall === null) continue;
		const original = verdicts.get(`${record.raterId}\u0000${swapOf}`);
		if (!original) continue;
		const { a } = comparisonOf(original);
		const before = outcomeFor(original, a.id);
		const after = outcomeFor(record, a.id);
		if (before && after) pairs.push({ raterId: record.raterId, original: before, swapped: after });
	}
	return pairs;
}
