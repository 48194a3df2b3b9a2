// One way to print every figure, shared by the Results view and `npm run analyze`, so a number
// read on screen can be found verbatim on the command line.
import type { Interval } from '../stats/types';
import type { Headline, WinRateSummary } from '../stats';
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
	if (colon < 0) return category;
	const kind = category.slice(0, colon);
	return `${KIND_LABELS[kind] ?? kind}: ${categoryName(category)}`;
}

/** The paper's sentence: "trained better than baseline in X of Y categories, Z significant…". */
export function headlineText(a: EndpointRef, b: EndpointRef, headline: Headline): string {
	const subject = a.role === 'trained' && b.role === 'baseline' ? 'Trained' : a.label;
	const object = a.role === 'trained' && b.role === 'baseline' ? 'baseline' : b.label;
	const worse =
		headline.significantWorse > 0 ? `; ${headline.significantWorse} significantly worse` : '';
	return `${subject} better than ${object} in ${headline.better} of ${headline.total} categories, ${headline.significant} significant after Holm correction${worse}`;
}

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
