// The judgments an export selects, in export order — (createdAt, id). A small selection (one
// rater, a short study) is read through its index; anything larger from the judgment segments
// (judgment-segments.ts), which hold every judgment already in export order at a fraction of
// the cost of reading rows, and which split into parts for workers that write at once.
import { compareRecords } from '$lib/core/codecs/judgment-record';
import type { Judgment } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import { matchingRows, narrowed } from './paged';
import {
	decodeSegment,
	readSegments,
	segmentsInStep,
	type JudgmentSegment
} from './judgment-segments';

export interface JudgmentFilter {
	studyId?: string;
	raterId?: string;
	/** Inclusive lower bound on createdAt (ISO time). */
	from?: string;
	/** Exclusive upper bound on createdAt (ISO time). */
	to?: string;
}

export function matchesFilter(filter: JudgmentFilter): (judgment: Judgment) => boolean {
	const { studyId, raterId, from, to } = filter;
	return (judgment) =>
		(!studyId || judgment.studyId === studyId) &&
		(!raterId || judgment.raterId === raterId) &&
		(!from || judgment.createdAt >= from) &&
		(!to || judgment.createdAt < to);
}

/** The index query that finds a superset of the selection, when there is a study or rater. */
export function narrowQuery(db: ArenaDB, { studyId, raterId }: JudgmentFilter) {
	if (studyId && raterId) return db.judgments.where('[studyId+raterId]').equals([studyId, raterId]);
	if (studyId) return db.judgments.where('studyId').equals(studyId);
	if (raterId) return db.judgments.where('raterId').equals(raterId);
	return undefined;
}

/** The same, also for a time range alone. */
function selectionQuery(db: ArenaDB, filter: JudgmentFilter) {
	const { from, to } = filter;
	const inTime = () => db.judgments.where('createdAt').between(from ?? '', to ?? '\uffff');
	return narrowQuery(db, filter) ?? (from || to ? inTime() : undefined);
}

/** Up to this many rows, a selection's index query is cheaper than reading every segment. */
const INDEXED_LIMIT = 5000;

/**
 * The selection read through its index query when that holds at most `limit` rows (judgments,
 * in export order); otherwise only the query, counted, if there is one.
 */
async function indexedSelection(db: ArenaDB, filter: JudgmentFilter, limit: number) {
	const query = selectionQuery(db, filter);
	const narrow = query && (await narrowed(query));
	if (!narrow || narrow.count > limit) return { narrow, judgments: undefined };
	const judgments = (await narrow.rows.toArray()).filter(matchesFilter(filter));
	return { narrow, judgments: judgments.sort(compareRecords) };
}

/** Where an export's judgments come from, read at once. */
export type ExportSource =
	/** The selection itself, in export order. */
	| { kind: 'rows'; judgments: Judgment[] }
	/** Segments in key order, of which the selection is a subset. */
	| { kind: 'segments'; segments: JudgmentSegment[] };

export async function readExportSource(
	db: ArenaDB,
	filter: JudgmentFilter = {}
): Promise<ExportSource> {
	const { judgments } = await indexedSelection(db, filter, INDEXED_LIMIT);
	if (judgments) return { kind: 'rows', judgments };
	return { kind: 'segments', segments: await readSegments(db) };
}

/**
 * The same selection, read without writing anything, as a live query must read (the Results
 * view): a large one from the segments when they are in step with the rows, otherwise rows by
 * their index or pages of the table (an index gives no way to page within one key).
 */
export async function readSelection(
	db: ArenaDB,
	filter: JudgmentFilter = {},
	indexedLimit = INDEXED_LIMIT
): Promise<Judgment[]> {
	const indexed = await indexedSelection(db, filter, indexedLimit);
	if (indexed.judgments) return indexed.judgments;
	const segments = await segmentsInStep(db);
	if (segments) return selectedJudgments({ kind: 'segments', segments }, filter);
	const rows = await matchingRows(db.judgments, indexed.narrow, matchesFilter(filter));
	return rows.sort(compareRecords);
}

/**
 * Part `part` of `parts` of a source, for exports written by several workers at once: runs of
 * segments holding about as many judgments each, in order; rows go whole to the first part.
 */
export function shareOf(source: ExportSource, part: number, parts: number): ExportSource {
	if (source.kind === 'rows') return part === 0 ? source : { kind: 'rows', judgments: [] };
	const total = source.segments.reduce((sum, segment) => sum + segment.count, 0);
	const from = (total * part) / parts;
	const to = (total * (part + 1)) / parts;
	let start = 0;
	const segments = source.segments.filter((segment) => {
		const inside = start >= from && start < to;
		start += segment.count;
		return inside;
	});
	return { kind: 'segments', segments };
}

/** The judgments of a source that the filter selects, in export order. */
export function selectedJudgments(source: ExportSource, filter: JudgmentFilter): Judgment[] {
	if (source.kind === 'rows') return source.judgments;
	const keep = matchesFilter(filter);
	const judgments: Judgment[] = [];
	for (const segment of source.segments)
		for (const judgment of decodeSegment(segment)) if (keep(judgment)) judgments.push(judgment);
	return judgments;
}
