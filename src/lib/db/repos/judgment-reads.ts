// Reads of many judgments (exports, the Results view), in export order: (createdAt, id). A small
// selection (one rater, a short study) is read through its own index and sorted; anything larger
// walks the `createdAt` index a page at a time, which IndexedDB already keeps in that order (equal
// keys sorted by primary key), so no page is ever sorted or held twice. No timers are awaited, so
// this also works inside a live query.
import { compareRecords } from '$lib/core/codecs/record-order';
import type { Judgment } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';

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
function ownIndexQuery(db: ArenaDB, { studyId, raterId }: JudgmentFilter) {
	if (studyId && raterId) return db.judgments.where('[studyId+raterId]').equals([studyId, raterId]);
	if (studyId) return db.judgments.where('studyId').equals(studyId);
	if (raterId) return db.judgments.where('raterId').equals(raterId);
	return undefined;
}

export const PAGE_SIZE = 2000;
const NO_UPPER_BOUND = '\uffff';

/**
 * Hands the selection to `visit` a page at a time (a page holds `size` judgments, or more where
 * many share one createdAt), in export order. Awaits what `visit` returns, if anything (an export
 * pauses between pages; a live query's visit must return nothing, as it may await only Dexie).
 */
export async function forEachJudgmentPage(
	db: ArenaDB,
	filter: JudgmentFilter,
	visit: (page: Judgment[]) => void | Promise<void>,
	size = PAGE_SIZE
): Promise<void> {
	const keep = matchesFilter(filter);
	const hand = (rows: Judgment[]) => {
		const selected = rows.filter(keep);
		return selected.length > 0 ? visit(selected) : undefined;
	};
	const own = ownIndexQuery(db, filter);
	if (own && (await own.clone().count()) <= size) {
		const pending = hand((await own.toArray()).sort(compareRecords));
		if (pending) await pending;
		return;
	}
	const to = filter.to ?? NO_UPPER_BOUND;
	const pageFrom = (lower: string, inclusive: boolean) =>
		db.judgments.where('createdAt').between(lower, to, inclusive, false).limit(size).toArray();
	let page = await pageFrom(filter.from ?? '', true);
	while (page.length > 0) {
		const full = page.length === size;
		const last = (page[page.length - 1] as Judgment).createdAt;
		// A full page may end inside a run of equal createdAt: that run is read whole, once, so the
		// next page can start strictly after it.
		if (full) {
			const run = await db.judgments.where('createdAt').equals(last).toArray();
			page = page.filter((row) => row.createdAt !== last).concat(run);
		}
		const pending = hand(page);
		if (pending) await pending;
		if (!full) return;
		page = await pageFrom(last, false);
	}
}

/** The whole selection at once (the Results view analyses a study as one list). */
export async function readJudgments(db: ArenaDB, filter: JudgmentFilter = {}): Promise<Judgment[]> {
	const judgments: Judgment[] = [];
	await forEachJudgmentPage(db, filter, (page) => {
		for (const judgment of page) judgments.push(judgment);
	});
	return judgments;
}
