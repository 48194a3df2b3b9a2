// The judgments an export selects, in export order — (createdAt, id) — a page at a time. Reading
// 100,000 judgments is most of an export (about 1.5 s here), and nearly all of it is spent in
// the browser's storage process while the reader waits. So each page's request goes out before
// the previous page is handed over, and the export writes one page while the next is read.
// The createdAt index delivers rows already in export order (IndexedDB orders an index by its
// key, then by primary key), so nothing is sorted either.
import { compareRecords } from '$lib/core/codecs/judgment-record';
import type { Judgment } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import { narrowed, PAGE_SIZE } from './paged';

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

export interface JudgmentPages {
	/** How many judgments the pages hold (at most: a date range is not counted per study). */
	total: number;
	/** The same, per study (decides which studies' trials and responses are read whole). */
	perStudy: Map<string, number>;
	pages: AsyncGenerator<Judgment[]>;
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

export async function judgmentPages(
	db: ArenaDB,
	filter: JudgmentFilter = {},
	size = PAGE_SIZE
): Promise<JudgmentPages> {
	const query = selectionQuery(db, filter);
	const narrow = query && (await narrowed(query));
	const keep = matchesFilter(filter);
	if (narrow && narrow.count <= size) {
		const judgments = (await narrow.rows.toArray()).filter(keep).sort(compareRecords);
		const perStudy = new Map<string, number>();
		for (const { studyId } of judgments) perStudy.set(studyId, (perStudy.get(studyId) ?? 0) + 1);
		return { total: judgments.length, perStudy, pages: inPages(judgments, size) };
	}
	const perStudy = await countPerStudy(db, filter);
	const total = narrow ? narrow.count : await db.judgments.count();
	await db.open();
	return { total, perStudy, pages: walkCreatedAt(db, filter, keep, size) };
}

async function* inPages(judgments: Judgment[], size: number): AsyncGenerator<Judgment[]> {
	for (let start = 0; start < judgments.length; start += size)
		yield judgments.slice(start, start + size);
}

async function countPerStudy(db: ArenaDB, filter: JudgmentFilter): Promise<Map<string, number>> {
	const studyIds = filter.studyId
		? [filter.studyId]
		: ((await db.studies.toCollection().primaryKeys()) as string[]);
	const counts = new Map<string, number>();
	for (const studyId of studyIds) {
		const count = await narrowQuery(db, { ...filter, studyId })?.count();
		if (count) counts.set(studyId, count);
	}
	return counts;
}

function readIndex(
	idb: IDBDatabase,
	range: IDBKeyRange | null,
	count?: number
): Promise<Judgment[]> {
	return new Promise((resolve, reject) => {
		const request = idb
			.transaction('judgments', 'readonly')
			.objectStore('judgments')
			.index('createdAt')
			.getAll(range, count);
		request.onsuccess = () => resolve(request.result as Judgment[]);
		request.onerror = () => reject(request.error);
	});
}

/** Where the next page starts: after the rows read so far, in (createdAt, id) order. */
interface Resume {
	createdAt: string;
	/** Past every row of this createdAt (true), or at its first row (false). */
	past: boolean;
}

/**
 * Pages through the createdAt index. An index can only resume at a key, not inside a run of
 * equal keys, so a page ends before the run of its last createdAt and the next page starts at
 * that run again; a page that is one run entirely is read with the whole run.
 */
async function* walkCreatedAt(
	db: ArenaDB,
	filter: JudgmentFilter,
	keep: (judgment: Judgment) => boolean,
	size: number
): AsyncGenerator<Judgment[]> {
	const idb = db.backendDB();
	const { keyRange } = db;
	const rangeFrom = (resume: Resume | undefined): IDBKeyRange | null | undefined => {
		const lower = resume?.createdAt ?? filter.from;
		const open = resume?.past ?? false;
		const { to } = filter;
		// `to` is exclusive: nothing is left from it on.
		if (to !== undefined && lower !== undefined && lower >= to) return undefined;
		if (lower === undefined) return to === undefined ? null : keyRange.upperBound(to, true);
		if (to === undefined) return keyRange.lowerBound(lower, open);
		return keyRange.bound(lower, to, open, true);
	};
	const read = (resume: Resume | undefined) => {
		const range = rangeFrom(resume);
		const rows = range === undefined ? Promise.resolve([]) : readIndex(idb, range, size);
		// A caller that stops early never awaits the read it left out: do not report it unhandled.
		rows.catch(() => undefined);
		return rows;
	};

	let pending = read(undefined);
	for (;;) {
		const rows = await pending;
		if (rows.length < size) {
			yield rows.filter(keep);
			return;
		}
		const last = (rows[rows.length - 1] as Judgment).createdAt;
		let cut = rows.length - 1;
		while (cut > 0 && (rows[cut - 1] as Judgment).createdAt === last) cut--;
		let page: Judgment[];
		if (cut > 0) {
			page = rows.slice(0, cut);
			pending = read({ createdAt: last, past: false });
		} else {
			page = await readIndex(idb, keyRange.only(last));
			pending = read({ createdAt: last, past: true });
		}
		// The next request is already out: the caller works on this page while it is read.
		yield page.filter(keep);
	}
}
