// One way to print every figure, shared by the Results view and `npm run analyze`, so a number
// read on screen can be found verbatim on the command line.
import type { Interval } from '../stats/types';
import type { CategoryResult, Headline, WinRateSummary } from '../stats';
import type { Preregistration } from '../schema/study';
import type { PowerPlan } from './power-plan';
import type { LengthBias } from '../stats/length-bias';
import type { StyleControl } from '../stats/style-control';
import type { Monitoring, MonitoringRow } from './monitoring';
import type { EndpointRef } from '../codecs/judgment-record';
import { traitLabel } from '../schema/common';

export const DASH = '—';

export function percent(value: number, digits = 1): string {
	return Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : DASH;
}

export function interval(value: Interval, digits = 1): string {
	if (!Number.isFinite(value.lower) || !Number.isFinite(value.upper)) return DASH;
	return `${(value.lower * 100).toFixed(digits)}–${(value.upper * 100).toFixed(digits)}%`;
}

export function pValue(value: number): string {
	if (!Number.isFinite(value)) return DASH;
	return value < 0.001 ? '<0.001' : value.toFixed(3);
}

export function decimal(value: number, digits = 2): string {
	return Number.isFinite(value) ? value.toFixed(digits) : DASH;
}

export function seconds(ms: number): string {
	return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : DASH;
}

export function count(value: number): string {
	return Number.isFinite(value) ? String(value) : DASH;
}

export const KIND_LABELS: Record<string, string> = {
	overall: 'Overall',
	trait: 'Trait',
	domain: 'Domain',
	'trait×domain': 'Trait × domain',
	tag: 'Tag'
};

/** 'trait×domain:truthfulness×health' → 'Truthfulness × health'. */
export function categoryName(category: string): string {
	const colon = category.indexOf(':');
	if (colon < 0) return category;
	const kind = category.slice(0, colon);
	const name = category.slice(colon + 1);
	if (kind === 'trait') return traitLabel(name);
	if (kind === 'trait×domain') {
		const [trait = '', domain = ''] = name.split('×');
		return `${traitLabel(trait)} × ${domain}`;
	}
	return name;
}

/** 'domain:health' → 'Domain: health'. */
export function categoryTitle(category: string): string {
	const colon = category.indexOf(':');
	if (colon < 0) return KIND_LABELS[category] ?? category;
	const kind = category.slice(0, colon);
	return `${KIND_LABELS[kind] ?? kind}: ${categoryName(category)}`;
}

/** The headline over the primary family: "better in X, worse in Z, undecided in W of Y". */
export function headlineText(a: EndpointRef, b: EndpointRef, headline: Headline): string {
	const trainedVsBaseline = a.role === 'trained' && b.role === 'baseline';
	const subject = trainedVsBaseline ? 'Trained' : a.label;
	const object = trainedVsBaseline ? 'baseline' : b.label;
	const none =
		headline.noDecisiveVotes > 0 ? ` (${headline.noDecisiveVotes} with no decisive votes yet)` : '';
	return (
		`${subject} vs ${object}: better in ${headline.better}, worse in ${headline.worse}, ` +
		`undecided in ${headline.undecided}${none} of ${headline.total} primary ` +
		`${headline.total === 1 ? 'hypothesis' : 'hypotheses'} (Holm within the family)`
	);
}

/** One sentence on the family: registered (when, hash) or the stated default. */
export function familyText(
	primary: readonly string[],
	registration: Preregistration | null,
	alpha: number
): string {
	const names = primary.map((category) => categoryTitle(category)).join(', ');
	if (registration) {
		return (
			`Pre-registered ${registration.lockedAt.slice(0, 16).replace('T', ' ')} UTC ` +
			`(hash ${registration.hash}): ${names}; α = ${alpha}. Every other row is exploratory.`
		);
	}
	return (
		`Not pre-registered: the primary family defaults to ${names}, chosen after the data were ` +
		`seen; α = ${alpha}. Every other row is exploratory.`
	);
}

/** How the default figures are computed, in one sentence for the view and the CLI. */
export const METHOD_TEXT =
	'Win rate = mean score (preferred 1, tie ½, other 0); “both bad” is left out of every figure, ' +
	'Bradley–Terry included. Intervals and p are cluster-robust: votes are grouped by prompt ' +
	'(and by rater too once there are 10 or more), with t on (groups − 1) degrees of freedom, so ' +
	'one prompt judged many times does not count as many independent votes.';

export function summaryCells(row: WinRateSummary): string[] {
	return [
		count(row.n),
		count(row.wins),
		count(row.ties),
		count(row.losses),
		count(row.bothBad),
		percent(row.winRate),
		interval(row.interval),
		pValue(row.pValue)
	];
}

export const SUMMARY_HEADERS = [
	'n',
	'wins',
	'ties',
	'losses',
	'both bad',
	'win rate',
	'95% interval',
	'p'
] as const;

/** Holm-adjusted p for primary rows, "exploratory" for the rest. */
export function familyCell(row: CategoryResult): string {
	if (row.family !== 'primary') return 'exploratory';
	const verdict =
		row.verdict === 'better'
			? ' better'
			: row.verdict === 'worse'
				? ' worse'
				: row.verdict === 'no-decisive-votes'
					? ' no decisive votes'
					: '';
	return `${pValue(row.adjustedPValue)}${verdict}`;
}

/** The naive figures (every vote independent), kept in the CLI and exports for comparison. */
export function naiveCells(row: WinRateSummary): string[] {
	return [interval(row.naive.interval), pValue(row.naive.pValue)];
}

/** The power plan in words: the test it plans for, where each input came from, the answer. */
export function powerText(plan: PowerPlan): string {
	const source = (what: 'data' | 'assumed') => (what === 'data' ? 'from this study' : 'assumed');
	return (
		`Power: to detect a ${percent(plan.targetWinRate, 0)} share of decisive votes with ` +
		`${percent(plan.power, 0)} power, the exact sign test at Holm's first step ` +
		`(α ${plan.alpha} / ${plan.familySize} = ${decimal(plan.testAlpha, 4)}) needs ` +
		`${count(plan.decisive)} decisive votes (power stays above target from there; the first n ` +
		`to reach it is ${count(plan.decisiveFirst)}, the normal approximation says ` +
		`${Math.ceil(plan.decisiveNormal)}). With ${percent(plan.tieRate, 0)} ties ` +
		`(${source(plan.tieRateSource)}) and design effect ${decimal(plan.designEffect)} ` +
		`(${source(plan.designEffectSource)}) that is ${count(plan.needed)} judgments per hypothesis.`
	);
}

/** What the anytime-valid intervals are and how to read them. */
export function monitoringText(monitoring: Monitoring): string {
	return (
		`Watching while collecting: these intervals stay valid however often you look and whenever ` +
		`you stop (confidence sequences, α ${decimal(monitoring.alpha, 4)} per hypothesis, tuned ` +
		`for about ${count(monitoring.plannedVotes)} judgments; shown from ${monitoring.minItems} ` +
		`prompts on). They are wider than the fixed-n intervals above, which are valid only at a ` +
		`sample size fixed in advance.`
	);
}

export const MONITORING_STATES: Record<MonitoringRow['state'], string> = {
	better: 'better (safe to stop)',
	worse: 'worse (safe to stop)',
	undecided: 'undecided',
	'not-enough-data': 'not enough data yet'
};

/** Length bias and the length-and-position-controlled win rate, one sentence each. */
export function lengthText(bias: LengthBias, style: StyleControl, raw: number): string {
	return (
		`The longer answer won ${percent(bias.longer.share)} (${interval(bias.longer.interval)}, ` +
		`p ${pValue(bias.longer.pValue)}) of ${bias.longer.n} decisive verdicts. Controlling for ` +
		`length and screen position (logistic, as Chatbot Arena's style control), the win rate at ` +
		`equal length is ${percent(style.winRate)} (${interval(style.interval)}, clustered by ` +
		`prompt) against ${percent(raw)} unadjusted.`
	);
}
