// The analysis as plain-text tables for `npm run analyze`: the same sections and the same
// formatted figures as the Results view.
import type { StudyAnalysis, ComparisonAnalysis } from './analyze';
import {
	categoryName,
	categoryTitle,
	count,
	DASH,
	decimal,
	familyCell,
	familyText,
	headlineText,
	interval,
	lengthText,
	METHOD_TEXT,
	MONITORING_STATES,
	monitoringText,
	naiveCells,
	powerText,
	percent,
	pValue,
	seconds,
	summaryCells,
	SUMMARY_HEADERS
} from './format';
import type { CategoryResult } from '../stats/summary';
import { multiEndpointText, persistenceText } from './persistence-text';

export function textTable(
	headers: readonly string[],
	rows: readonly (readonly string[])[]
): string {
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length))
	);
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) =>
				column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)
			)
			.join('  ')
			.trimEnd();
	const rule = widths.map((width) => '-'.repeat(width)).join('  ');
	return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function exclusionText(analysis: StudyAnalysis): string {
	const { counts } = analysis;
	return (
		`${counts.judgments} judgments, ${counts.included} counted; excluded: ` +
		`${counts.attention} attention checks, ${counts.leakFlagged} leak-flagged, ` +
		`${counts.swaps} swap re-shows, ${counts.skipped} skipped`
	);
}

function categoryRows(rows: readonly CategoryResult[]): string[][] {
	return rows.map((row) => [
		categoryTitle(row.category),
		...summaryCells(row),
		familyCell(row),
		methodCell(row),
		...naiveCells(row)
	]);
}

/** Which clustering the row's interval used, with its t degrees of freedom. */
function methodCell(row: CategoryResult): string {
	if (row.method === 'prompt-sign-test') return 'prompt sign test';
	return Number.isNaN(row.se) ? DASH : `${row.method} t(${row.df})`;
}

const HEADERS = [
	'category',
	...SUMMARY_HEADERS,
	'Holm p (primary)',
	'clustered by',
	'naive interval',
	'naive p'
];

function comparisonText(analysis: StudyAnalysis, comparison: ComparisonAnalysis): string {
	const { summary, agreement, lengthBias, power, checks } = comparison;
	const parts = [
		`== ${comparison.a.label} vs ${comparison.b.label} ==`,
		headlineText(comparison.a, comparison.b, summary.headline),
		familyText(analysis.primary, analysis.preregistration, summary.alpha),
		METHOD_TEXT,
		'',
		textTable(HEADERS, categoryRows([summary.overall, ...summary.categories])),
		'',
		`Cross-checks of the overall win rate: item-level sign test ${checks.itemSignTest.above} ` +
			`prompts better, ${checks.itemSignTest.below} worse, ${checks.itemSignTest.exactlyHalf} ` +
			`even (p ${pValue(checks.itemSignTest.pValue)}); prompt bootstrap ` +
			`${interval(checks.itemBootstrap.interval)} (${checks.itemBootstrap.resamples} resamples); ` +
			`GEE (exchangeable, decisive votes) ${percent(checks.gee.winProbability)} ` +
			`(${interval(checks.gee.interval)}); ICC by prompt ${decimal(checks.icc.icc, 3)}, design ` +
			`effect ${decimal(checks.icc.designEffect)}`
	];
	parts.push(
		'',
		monitoringText(comparison.monitoring),
		textTable(
			['primary hypothesis', 'judged', 'anytime-valid interval', 'state'],
			comparison.monitoring.rows.map((row) => [
				categoryTitle(row.category),
				count(row.judged),
				interval(row.interval),
				MONITORING_STATES[row.state]
			])
		)
	);
	if (comparison.traitAnswers.categories.length > 0) {
		parts.push(
			'',
			'Per-trait answers (exploratory)',
			textTable(
				['trait', ...SUMMARY_HEADERS, 'naive interval', 'naive p'],
				comparison.traitAnswers.categories.map((row) => [
					categoryName(row.category),
					...summaryCells(row),
					...naiveCells(row)
				])
			)
		);
	}
	const alpha = agreement.alpha.alpha;
	const kappa = agreement.kappa;
	parts.push(
		'',
		`Agreement: ${agreement.sharedItems} items judged by ${agreement.raters} raters; ` +
			`Krippendorff's alpha (ordinal) ${decimal(alpha)}` +
			(kappa ? `; Cohen's kappa ${decimal(kappa.kappa)} over ${kappa.n} items` : ''),
		`Length bias: ${lengthText(lengthBias, comparison.styleControl, lengthBias.lengthControlled.rawWinRate)}`,
		'',
		powerText(power),
		textTable(
			['primary hypothesis', 'judged', 'still needed'],
			power.rows.map((row) => [
				categoryTitle(row.category),
				count(row.judged),
				count(row.remaining)
			])
		)
	);
	return parts.join('\n');
}

export function analysisText(analysis: StudyAnalysis): string {
	const { positionBias, consistency, ratings } = analysis;
	const parts = [
		`# ${analysis.study.name} (${analysis.study.id})`,
		...(analysis.excludedRaters.length
			? [`Without rater(s) ${analysis.excludedRaters.join(', ')} (sensitivity view)`]
			: []),
		exclusionText(analysis),
		'',
		...analysis.comparisons.flatMap((comparison) => [comparisonText(analysis, comparison), '']),
		`Position bias: left side chosen in ${percent(positionBias.leftShare)} ` +
			`(${interval(positionBias.interval)}, p ${pValue(positionBias.pValue)}) of ` +
			`${positionBias.n} decisive verdicts; clustered by rater ` +
			`${interval(analysis.positionBiasByRater.interval)}, p ` +
			`${pValue(analysis.positionBiasByRater.pValue)} over ${analysis.positionBiasByRater.raters} raters`,
		`Swap consistency: ${count(consistency.overall.consistent)} of ` +
			`${count(consistency.overall.pairs)} re-shows consistent (${percent(consistency.overall.share)})`,
		'',
		'Raters',
		textTable(
			[
				'rater',
				'judgments',
				'skipped',
				'median time',
				'left-side rate',
				'position p (Holm)',
				'attention',
				'swap consistent'
			],
			analysis.raters.map((rater) => [
				rater.raterId,
				count(rater.judgments),
				count(rater.skipped),
				seconds(rater.medianDecisionMs),
				percent(rater.positionBias.leftShare),
				pValue(rater.positionAdjustedPValue),
				rater.attentionTotal ? `${rater.attentionPassed}/${rater.attentionTotal}` : '—',
				rater.swapPairs ? `${rater.swapConsistent}/${rater.swapPairs}` : '—'
			])
		)
	];
	parts.push(...persistenceText(analysis), ...multiEndpointText(analysis));
	if (ratings) {
		parts.push(
			'',
			`Bradley–Terry ratings (Elo scale, ${ratings.resamples} bootstrap resamples of prompts)`,
			textTable(
				['endpoint', 'rating', '95% interval'],
				ratings.rows.map((row) => [
					row.endpoint.label,
					decimal(row.elo, 0),
					`${decimal(row.lower, 0)}–${decimal(row.upper, 0)}`
				])
			)
		);
	}
	return parts.join('\n');
}
