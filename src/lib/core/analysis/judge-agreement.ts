// How far a model judge can be trusted on this study: per category (the overall verdict and each
// trait) the judge against the human majority of each trial, against each human, and humans
// against each other on the same trials — agreement with and without ties and Cohen's kappa, each
// with a 95% interval clustered by item. Beside them the judge's position consistency, its
// position and length bias, and judge-only and human-only win rates on the same comparisons.
// Labels are from endpoint A's point of view ("A won", "tie", "B won"), so the side a verdict was
// given on never matters. "Both bad" is left out, as everywhere; a position-inconsistent trial
// has no judge verdict and is counted, not compared.
import type { JudgmentRecord } from '../codecs/judgment-record';
import { judgeBias, type JudgeBias } from '../judge/bias';
import { seededRandom } from '../random/prng';
import { clusteredMean, type ClusteredMean, type ScoredVote } from '../stats/cluster';
import { clusteredKappa, type ClusteredKappa, type LabelPair } from '../stats/kappa-bootstrap';
import type { Outcome } from '../stats/types';
import { SCORES } from '../stats/win-rate';
import {
	answerLength,
	comparisonOf,
	exclusionOf,
	outcomeFor,
	raterKindOf,
	traitOutcome,
	type InclusionOptions
} from './votes';

type Label = 'win' | 'tie' | 'loss';

export interface AgreementFigure {
	/** Compared pairs of verdicts. */
	n: number;
	items: number;
	/** Share of pairs that agree, with a cluster-robust interval (by item). */
	agreement: ClusteredMean;
	kappa: ClusteredKappa;
}

export interface AgreementSet {
	vsMajority: AgreementFigure;
	vsEachHuman: AgreementFigure;
	humanHuman: AgreementFigure;
}

export interface CategoryAgreement {
	/** 'overall' or 'trait:<name>'. */
	category: string;
	withTies: AgreementSet;
	withoutTies: AgreementSet;
}

export interface SideBySideWinRate {
	key: string;
	aLabel: string;
	bLabel: string;
	judge: ClusteredMean;
	human: ClusteredMean;
}

export interface JudgeAgreement {
	judgeId: string;
	/** Trials the judge gave a verdict on, and those where it was position-inconsistent. */
	judged: number;
	inconsistent: number;
	bias: JudgeBias;
	categories: CategoryAgreement[];
	winRates: SideBySideWinRate[];
}

/** trial → rater → category → label. */
type Labels = Map<string, Map<string, Map<string, Label>>>;

function labelOf(outcome: Outcome | null): Label | undefined {
	return outcome === null || outcome === 'both-bad' ? undefined : outcome;
}

function addLabels(target: Labels, record: JudgmentRecord, itemOf: Map<string, string>): void {
	const { a } = comparisonOf(record);
	const labels = new Map<string, Label>();
	const overall = labelOf(outcomeFor(record, a.id));
	if (overall) labels.set('overall', overall);
	for (const [trait, choice] of Object.entries(record.traitChoices)) {
		const label = labelOf(traitOutcome(choice, a.id));
		if (label) labels.set(`trait:${trait}`, label);
	}
	let raters = target.get(record.trial.id);
	if (!raters) target.set(record.trial.id, (raters = new Map()));
	raters.set(record.raterId, labels);
	itemOf.set(record.trial.id, record.item.id);
}

/** The most common human label of a trial, or undefined when two labels share the top. */
function majority(labels: readonly Label[]): Label | undefined {
	const counts = new Map<Label, number>();
	for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
	const sorted = [...counts.entries()].sort((x, y) => y[1] - x[1]);
	if (sorted.length === 0 || (sorted.length > 1 && sorted[0]?.[1] === sorted[1]?.[1]))
		return undefined;
	return sorted[0]?.[0];
}

interface Pair extends LabelPair {
	raterId: string;
}

function figure(pairs: readonly Pair[], seedParts: (string | number)[]): AgreementFigure {
	const votes: ScoredVote[] = pairs.map((pair) => ({
		itemId: pair.itemId,
		raterId: pair.raterId,
		score: pair.a === pair.b ? 1 : 0
	}));
	return {
		n: pairs.length,
		items: new Set(pairs.map((pair) => pair.itemId)).size,
		agreement: clusteredMean(votes),
		kappa: clusteredKappa(pairs, seededRandom('judge-kappa', ...seedParts))
	};
}

function agreementSet(pairs: Record<keyof AgreementSet, Pair[]>, ties: boolean, seed: string[]) {
	const keep = (list: Pair[]) =>
		ties ? list : list.filter((pair) => pair.a !== 'tie' && pair.b !== 'tie');
	return {
		vsMajority: figure(keep(pairs.vsMajority), [...seed, 'majority', String(ties)]),
		vsEachHuman: figure(keep(pairs.vsEachHuman), [...seed, 'each', String(ties)]),
		humanHuman: figure(keep(pairs.humanHuman), [...seed, 'humans', String(ties)])
	};
}

export function judgeAgreement(
	records: readonly JudgmentRecord[],
	options: InclusionOptions = {}
): JudgeAgreement[] {
	const humans: Labels = new Map();
	const judges = new Map<string, Labels>();
	const judgeRecords = new Map<string, JudgmentRecord[]>();
	const itemOf = new Map<string, string>();
	for (const record of records) {
		if (raterKindOf(record) === 'model') {
			const id = record.judgeId ?? record.raterId;
			let list = judgeRecords.get(id);
			if (!list) judgeRecords.set(id, (list = []));
			list.push(record);
			if (record.overall === null) continue;
			let labels = judges.get(id);
			if (!labels) judges.set(id, (labels = new Map()));
			addLabels(labels, record, itemOf);
		} else if (exclusionOf(record, options) === undefined) {
			addLabels(humans, record, itemOf);
		}
	}
	const studyId = records[0]?.study.id ?? '';
	return [...judgeRecords.keys()].sort().map((judgeId) => {
		const mine = judgeRecords.get(judgeId) ?? [];
		const labels = judges.get(judgeId) ?? new Map();
		const categories = new Set<string>();
		for (const raters of labels.values())
			for (const verdict of raters.values())
				for (const category of verdict.keys()) categories.add(category);
		const ordered = [...categories].sort((x, y) =>
			x === 'overall' ? -1 : y === 'overall' ? 1 : x < y ? -1 : 1
		);
		return {
			judgeId,
			judged: mine.filter((record) => record.overall !== null).length,
			inconsistent: mine.filter((record) => record.judgeOrders?.consistent === false).length,
			bias: judgeBias(
				mine.flatMap((record) =>
					record.judgeOrders
						? [
								{
									shown: record.judgeOrders.shown.overall,
									swapped: record.judgeOrders.swapped.overall,
									leftLength: answerLength(record.left),
									rightLength: answerLength(record.right)
								}
							]
						: []
				)
			),
			categories: ordered.map((category) => {
				const pairs = pairsFor(category, labels, humans, itemOf);
				const seed = [studyId, judgeId, category];
				return {
					category,
					withTies: agreementSet(pairs, true, seed),
					withoutTies: agreementSet(pairs, false, seed)
				};
			}),
			winRates: winRates(records, options, judgeId)
		};
	});
}

function pairsFor(
	category: string,
	judge: Labels,
	humans: Labels,
	itemOf: Map<string, string>
): Record<keyof AgreementSet, Pair[]> {
	const vsMajority: Pair[] = [];
	const vsEachHuman: Pair[] = [];
	const humanHuman: Pair[] = [];
	for (const [trialId, judgeRaters] of judge) {
		const itemId = itemOf.get(trialId) ?? trialId;
		const judgeLabel = [...judgeRaters.values()][0]?.get(category);
		const human = [...(humans.get(trialId) ?? new Map<string, Map<string, Label>>())]
			.map(([raterId, verdict]) => [raterId, verdict.get(category)] as const)
			.filter((entry): entry is readonly [string, Label] => entry[1] !== undefined)
			.sort((x, y) => (x[0] < y[0] ? -1 : 1));
		if (judgeLabel === undefined || human.length === 0) continue;
		const top = majority(human.map(([, label]) => label));
		if (top !== undefined) vsMajority.push({ itemId, raterId: 'majority', a: judgeLabel, b: top });
		for (const [raterId, label] of human)
			vsEachHuman.push({ itemId, raterId, a: judgeLabel, b: label });
		for (let i = 0; i < human.length; i++)
			for (let j = i + 1; j < human.length; j++) {
				const [first, second] = [human[i], human[j]];
				if (first && second)
					humanHuman.push({
						itemId,
						raterId: `${first[0]}|${second[0]}`,
						a: first[1],
						b: second[1]
					});
			}
	}
	return { vsMajority, vsEachHuman, humanHuman };
}

function winRates(
	records: readonly JudgmentRecord[],
	options: InclusionOptions,
	judgeId: string
): SideBySideWinRate[] {
	const byKey = new Map<
		string,
		{ aLabel: string; bLabel: string; judge: ScoredVote[]; human: ScoredVote[] }
	>();
	for (const record of records) {
		const model = raterKindOf(record) === 'model';
		if (
			model
				? (record.judgeId ?? record.raterId) !== judgeId
				: exclusionOf(record, options) !== undefined
		)
			continue;
		const comparison = comparisonOf(record);
		const outcome = outcomeFor(record, comparison.a.id);
		const score = outcome === null ? null : SCORES[outcome];
		if (score === null || score === undefined) continue;
		let entry = byKey.get(comparison.key);
		if (!entry)
			byKey.set(
				comparison.key,
				(entry = { aLabel: comparison.a.label, bLabel: comparison.b.label, judge: [], human: [] })
			);
		(model ? entry.judge : entry.human).push({
			itemId: record.item.id,
			raterId: record.raterId,
			score
		});
	}
	return [...byKey.entries()]
		.sort(([x], [y]) => (x < y ? -1 : 1))
		.map(([key, entry]) => ({
			key,
			aLabel: entry.aLabel,
			bLabel: entry.bLabel,
			judge: clusteredMean(entry.judge),
			human: clusteredMean(entry.human)
		}));
}
