// From export records to the statistics layer's votes. The app and `npm run analyze` both start
// from JudgmentRecords (the app builds them from its tables with the export code), so the numbers
// on screen and on the command line come from one path. A comparison is an ordered pair of
// endpoints (A, B): A is the trained endpoint when the roles say so, otherwise the endpoint that
// is not the study's baseline; votes are then from A's point of view.
import type { Outcome, Vote } from '../stats/types';
import type { EndpointRef, JudgmentRecord } from '../codecs/judgment-record';

export interface Comparison {
	/** `${a.id}|${b.id}` */
	key: string;
	a: EndpointRef;
	b: EndpointRef;
}

export type Exclusion = 'skipped' | 'attention' | 'leak-flagged' | 'swap';

export interface InclusionOptions {
	/** Count attention-check trials as ordinary votes (default false). */
	includeAttention?: boolean;
	/** Count trials flagged for a possible identity leak (default false). */
	includeLeakFlagged?: boolean;
	/** Count swap re-shows as extra votes (default false: they repeat a rater's own trial). */
	includeSwaps?: boolean;
}

export type RaterKindFilter = 'human' | 'model' | 'all';

/** Records from before model judges carry no kind: they are human verdicts. */
export function raterKindOf(record: Pick<JudgmentRecord, 'raterKind'>): 'human' | 'model' {
	return record.raterKind ?? 'human';
}

export function ofRaterKind(
	record: Pick<JudgmentRecord, 'raterKind'>,
	filter: RaterKindFilter = 'human'
): boolean {
	return filter === 'all' || raterKindOf(record) === filter;
}

/** Why a record is left out of the win rates, or undefined when it counts. */
export function exclusionOf(
	record: JudgmentRecord,
	options: InclusionOptions = {}
): Exclusion | undefined {
	if (record.overall === null) return 'skipped';
	if (record.trial.kind === 'attention' && !options.includeAttention) return 'attention';
	if (record.trial.leakFlagged && !options.includeLeakFlagged) return 'leak-flagged';
	if (record.trial.kind === 'swap' && !options.includeSwaps) return 'swap';
	return undefined;
}

function rank(ref: EndpointRef, baselineId: string | undefined): number {
	if (ref.role === 'trained') return 0;
	if (ref.role === 'baseline' || ref.id === baselineId) return 2;
	return 1;
}

/** Orders two endpoints as (A, B): trained before others before baseline; then by label, id. */
export function orient(x: EndpointRef, y: EndpointRef, baselineId?: string): Comparison {
	const rx = rank(x, baselineId);
	const ry = rank(y, baselineId);
	const xFirst = rx !== ry ? rx < ry : x.label !== y.label ? x.label < y.label : x.id <= y.id;
	const [a, b] = xFirst ? [x, y] : [y, x];
	return { key: `${a.id}|${b.id}`, a, b };
}

export function comparisonOf(record: JudgmentRecord): Comparison {
	return orient(record.left.endpoint, record.right.endpoint, record.study.baselineEndpointId);
}

/** The overall verdict from endpoint A's point of view (null for skips). */
export function outcomeFor(record: JudgmentRecord, a: string): Outcome | null {
	const { overall } = record;
	if (overall === null) return null;
	if (overall === 'tie') return 'tie';
	if (overall === 'both-bad') return 'both-bad';
	const winnerSide = overall.startsWith('left') ? record.left : record.right;
	return winnerSide.endpoint.id === a ? 'win' : 'loss';
}

export function traitOutcome(
	choice: { choice: string; winnerEndpointId: string | null },
	a: string
): Outcome {
	if (choice.choice === 'tie') return 'tie';
	if (choice.choice === 'both-bad') return 'both-bad';
	return choice.winnerEndpointId === a ? 'win' : 'loss';
}

/** Categories of an item: each trait, the domain, each trait × domain, each tag. */
export function categoriesOf(item: JudgmentRecord['item']): string[] {
	const categories: string[] = [];
	for (const trait of item.traits) categories.push(`trait:${trait}`);
	if (item.domain) {
		categories.push(`domain:${item.domain}`);
		for (const trait of item.traits) categories.push(`trait×domain:${trait}×${item.domain}`);
	}
	for (const tag of item.tags) categories.push(`tag:${tag}`);
	return categories;
}

/** Memoised per item: 10⁵ records share a few hundred items. */
export class CategoryCache {
	#byItem = new Map<string, string[]>();

	get(item: JudgmentRecord['item']): string[] {
		let categories = this.#byItem.get(item.id);
		if (!categories) this.#byItem.set(item.id, (categories = categoriesOf(item)));
		return categories;
	}
}

export function voteOf(
	record: JudgmentRecord,
	comparison: Comparison,
	categories: readonly string[]
): Vote | undefined {
	const outcome = outcomeFor(record, comparison.a.id);
	if (outcome === null) return undefined;
	return {
		itemId: record.item.id,
		raterId: record.raterId,
		outcome,
		leftWasTrained: record.left.endpoint.id === comparison.a.id,
		categories
	};
}

/** Characters of everything the endpoint answered, over all turns. */
export function answerLength(side: JudgmentRecord['left']): number {
	let length = 0;
	for (const message of side.response.transcript) {
		if (message.role === 'assistant') length += message.content.length;
	}
	return length;
}

/** Which screen side a verdict chose, or null for tie, both bad and skips. */
export function chosenSide(record: JudgmentRecord): 'left' | 'right' | null {
	const { overall } = record;
	if (overall === null || overall === 'tie' || overall === 'both-bad') return null;
	return overall.startsWith('left') ? 'left' : 'right';
}
