// What "humans where they count" would have saved on this study, simulated from its own votes:
// humans on the doubtful trials only (the judge position-inconsistent, or judges disagreeing) and
// the judge's verdict standing in on the others, against humans on every trial. Both designs are
// scored with the same cluster-robust interval, so the widths can be compared directly.
import type { JudgmentRecord } from '../codecs/judgment-record';
import { doubtfulTrials } from '../judge/humans-first';
import { clusteredMean, type ClusteredMean, type ScoredVote } from '../stats/cluster';
import { SCORES } from '../stats/win-rate';
import { comparisonOf, exclusionOf, outcomeFor, raterKindOf, type InclusionOptions } from './votes';

export interface HumanEffort {
	/** Trials with both a judge verdict (or a doubt) and human votes. */
	trials: number;
	doubtful: number;
	humanVotes: number;
	/** Human votes the hybrid design keeps: those on doubtful trials. */
	hybridHumanVotes: number;
	allHuman: ClusteredMean;
	hybrid: ClusteredMean;
}

function score(record: JudgmentRecord): number | undefined {
	const outcome = outcomeFor(record, comparisonOf(record).a.id);
	const value = outcome === null ? null : SCORES[outcome];
	return value === null || value === undefined ? undefined : value;
}

/** Over one comparison (the first, by key) so the win rates are about one pair of endpoints. */
export function humanEffort(
	records: readonly JudgmentRecord[],
	options: InclusionOptions = {}
): HumanEffort | undefined {
	const model = records.filter((record) => raterKindOf(record) === 'model');
	const key = model.map((record) => comparisonOf(record).key).sort()[0];
	if (key === undefined) return undefined;
	const inPair = (record: JudgmentRecord) => comparisonOf(record).key === key;
	const doubtful = doubtfulTrials(
		model.map((record) => ({
			trialId: record.trial.id,
			raterKind: record.raterKind,
			overall: record.overall,
			judgeOrders: record.judgeOrders
		}))
	);
	const human = records.filter(
		(record) =>
			raterKindOf(record) === 'human' &&
			exclusionOf(record, options) === undefined &&
			inPair(record)
	);
	const judged = new Set(model.filter(inPair).map((record) => record.trial.id));
	const humanOnJudged = human.filter((record) => judged.has(record.trial.id));
	const vote = (record: JudgmentRecord): ScoredVote[] => {
		const value = score(record);
		return value === undefined
			? []
			: [{ itemId: record.item.id, raterId: record.raterId, score: value }];
	};
	// One judge stands in per trial: the first by id, with a verdict.
	const standIn = new Map<string, JudgmentRecord>();
	for (const record of [...model].sort((x, y) => (x.raterId < y.raterId ? -1 : 1)))
		if (inPair(record) && record.overall !== null && !standIn.has(record.trial.id))
			standIn.set(record.trial.id, record);
	const hybridHuman = humanOnJudged.filter((record) => doubtful.has(record.trial.id));
	const hybridJudge = [...standIn.values()].filter(
		(record) =>
			!doubtful.has(record.trial.id) &&
			humanOnJudged.some((other) => other.trial.id === record.trial.id)
	);
	return {
		trials: new Set(humanOnJudged.map((record) => record.trial.id)).size,
		doubtful: new Set(hybridHuman.map((record) => record.trial.id)).size,
		humanVotes: humanOnJudged.length,
		hybridHumanVotes: hybridHuman.length,
		allHuman: clusteredMean(humanOnJudged.flatMap(vote)),
		hybrid: clusteredMean([...hybridHuman, ...hybridJudge].flatMap(vote))
	};
}
