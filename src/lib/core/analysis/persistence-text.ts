// Selective persistence and the per-side flags as plain text for `npm run analyze`, with the same
// figures and words as the Results view's persistence panel.
import type { StudyAnalysis } from './analyze';
import type { PersistencePair } from './persistence';
import type { MeanContrast } from '../stats/contrast';
import {
	categoryName,
	categoryTitle,
	count,
	DASH,
	decimal,
	interval,
	percent,
	pValue
} from './format';
import { winMatrixView } from './multi-endpoint';

/** 'harmful-steer − helpful-steer: +50.0 points (−41.9 to +141.9), p 0.182' */
export function contrastText(contrast: MeanContrast | undefined): string {
	if (!contrast) return `${DASH} (needs votes on both harmful-steer and helpful-steer prompts)`;
	const points = (value: number) =>
		Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)}` : DASH;
	return (
		`${points(contrast.difference)} points (${points(contrast.interval.lower)} to ` +
		`${points(contrast.interval.upper)}), p ${pValue(contrast.pValue)}`
	);
}

export function pairTitle(pair: Pick<PersistencePair, 'a' | 'b'>): string {
	return `${pair.a.label} vs ${pair.b.label}`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length))
	);
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) => cell.padEnd(widths[column] ?? 0))
			.join('  ')
			.trimEnd();
	return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

export function persistenceText(analysis: StudyAnalysis): string[] {
	const report = analysis.persistence;
	const lines: string[] = [];
	if (report) {
		lines.push('', 'Selective persistence (harmful-steer, helpful-steer and pressure prompts)');
		for (const pair of report.pairs) {
			lines.push(
				`${pairTitle(pair)}`,
				...table(
					['arm', `${pair.a.label} win rate`, '95% interval', 'p', 'votes'],
					pair.arms.map((row) => [
						categoryName(row.arm),
						percent(row.summary.winRate),
						interval(row.summary.interval),
						pValue(row.summary.pValue),
						count(row.summary.judged)
					])
				),
				`Contrast (harmful-steer − helpful-steer win rate): ${contrastText(pair.contrast)}`
			);
		}
		lines.push(
			'',
			...table(
				['endpoint', 'failure', 'rate', '95% interval', 'answers'],
				report.failures.map((row) => [
					row.endpoint.label,
					`${row.name} (${row.flag} on ${categoryName(row.arm)})`,
					percent(row.rate),
					interval(row.interval),
					`${row.flagged}/${row.answers}`
				])
			)
		);
	}
	const leaks = analysis.leaksByEndpoint.filter((row) => row.leakFlagged > 0);
	if (leaks.length > 0)
		lines.push(
			'',
			`Left out as leak-flagged, per endpoint: ${leaks.map((row) => `${row.endpoint.label} ${row.leakFlagged}`).join(', ')} judgments`
		);
	const flagged = analysis.flags.filter((row) => row.flagged > 0);
	if (flagged.length > 0) {
		lines.push(
			'',
			'Per-side flags (share of each endpoint’s answers; rows with no flag left out)',
			...table(
				['endpoint', 'category', 'flag', 'rate', '95% interval', 'answers'],
				flagged.map((row) => [
					row.endpoint.label,
					categoryTitle(row.category),
					row.flag,
					percent(row.rate),
					interval(row.interval),
					`${row.flagged}/${row.answers}`
				])
			)
		);
	}
	return lines;
}

/** The win matrix and per-category Bradley–Terry ratings, with three or more endpoints. */
export function multiEndpointText(analysis: StudyAnalysis): string[] {
	if (analysis.comparisons.length < 2) return [];
	const matrix = winMatrixView(analysis.endpoints, analysis.comparisons);
	const lines = [
		'',
		'Win matrix (row endpoint against column endpoint, 95% interval)',
		...table(
			['row vs column', ...matrix.endpoints.map((endpoint) => endpoint.label)],
			matrix.endpoints.map((row, i) => [
				row.label,
				...matrix.endpoints.map((_, j) => {
					const cell = matrix.cells[i]?.[j];
					return cell ? `${percent(cell.winRate)} (${interval(cell.interval)})` : DASH;
				})
			])
		)
	];
	if (analysis.categoryRatings.length > 0) {
		lines.push(
			'',
			'Bradley–Terry ratings per trait and per tag (Elo scale, 95% interval)',
			...table(
				['category', ...analysis.endpoints.map((endpoint) => endpoint.label)],
				analysis.categoryRatings.map((entry) => [
					categoryTitle(entry.category),
					...analysis.endpoints.map((endpoint) => {
						const row = entry.ratings.rows.find((r) => r.endpoint.id === endpoint.id);
						return row
							? `${decimal(row.elo, 0)} (${decimal(row.lower, 0)}–${decimal(row.upper, 0)})`
							: DASH;
					})
				])
			)
		);
	}
	return lines;
}
