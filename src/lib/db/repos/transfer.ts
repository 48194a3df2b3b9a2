// Reads for exports and analysis, and the one write of an import. Exports read the selected
// judgments (small rows; judgment-reads.ts) and build the large self-contained records chunk
// by chunk, so a 100,000-judgment export never holds every record at once; an import reads the
// stored rows it touches and writes every new row of every table in one transaction, or nothing.
import type { Endpoint, Judgment, PromptItem, Response, Study, Trial } from '$lib/core/schema';
import { buildJudgmentRecord, type JudgmentRecord } from '$lib/core/codecs/judgment-record';
import { mergeRows, oneVerdictPerTrial, type TableMerge } from '$lib/core/codecs/merge';
import {
	TRANSFER_TABLES,
	type ImportPlan,
	type TablePlan,
	type TableRows,
	type TransferTable
} from '$lib/core/codecs/import-plan';
import type { ArenaDB } from '../arena-db';
import { countedQuery, matchingRows } from './paged';
import { addItems, byId, countItems, forEachItem, getItems } from './item-pages';
import { readJudgments, type JudgmentFilter } from './judgment-reads';

export type ExportFilter = JudgmentFilter;

/**
 * Shared by every chunk of one export: studies and endpoints are few; responses and items recur
 * in many judgments (every rater sees the same answers), and keeping the same objects across
 * chunks lets the codecs reuse their serialised text instead of encoding a transcript per line.
 * Responses and items are bounded, so an export of a million distinct responses does not hold
 * them all; trials of a study read whole (see preloadStudies) are kept for the whole export.
 */
export interface RecordCache {
	studies: Map<string, Study | undefined>;
	endpoints: Map<string, Endpoint>;
	responses: Map<string, Response>;
	items: Map<string, PromptItem>;
	trials: Map<string, Trial>;
}

const CACHE_LIMIT = 20_000;

async function recordCache(db: ArenaDB): Promise<RecordCache> {
	const endpoints = await db.endpoints.toArray();
	return {
		studies: new Map(),
		endpoints: new Map(endpoints.map((endpoint) => [endpoint.id, endpoint])),
		responses: new Map(),
		items: new Map(),
		trials: new Map()
	};
}

/**
 * When a selection covers a good part of a study (the Results view, or an export of everything),
 * reads the study's trials — and its responses, when they fit the cache — in one request each
 * instead of one request per row later.
 */
async function preloadStudies(
	db: ArenaDB,
	judgments: readonly Judgment[],
	cache: RecordCache
): Promise<void> {
	const selected = new Map<string, number>();
	for (const judgment of judgments)
		selected.set(judgment.studyId, (selected.get(judgment.studyId) ?? 0) + 1);
	for (const [studyId, count] of selected) {
		const ofStudy = (row: { studyId: string }) => row.studyId === studyId;
		const trials = await countedQuery(db.trials.where('studyId').equals(studyId));
		if (count * 4 < trials.count) continue;
		const study = await db.studies.get(studyId);
		cache.studies.set(studyId, study);
		if (study && cache.items.size + study.itemIds.length <= CACHE_LIMIT)
			for (const item of await getItems(db, study.itemIds))
				if (item) cache.items.set(item.id, item);
		for (const trial of await matchingRows(db.trials, trials, ofStudy))
			cache.trials.set(trial.id, trial);
		const responses = await countedQuery(db.responses.where('studyId').equals(studyId));
		if (cache.responses.size + responses.count > CACHE_LIMIT) continue;
		for (const response of await matchingRows(db.responses, responses, ofStudy))
			cache.responses.set(response.id, response);
	}
}

async function cached<T extends { id: string }>(
	cache: Map<string, T>,
	ids: readonly string[],
	load: (ids: string[]) => Promise<(T | undefined)[]>
): Promise<Map<string, T>> {
	// Nearly every chunk of a large export finds all it needs cached: check before building sets.
	const missing = new Set<string>();
	for (const id of ids) if (!cache.has(id)) missing.add(id);
	if (missing.size === 0) return cache;
	let wanted = [...missing];
	if (cache.size + missing.size > CACHE_LIMIT) {
		cache.clear();
		wanted = [...new Set(ids)];
	}
	for (const row of await load(wanted)) if (row) cache.set(row.id, row);
	return cache;
}

export interface RecordChunk {
	records: JudgmentRecord[];
	/** Judgments whose trial, item, study or responses are gone (left out of the export). */
	incomplete: string[];
}

/** Builds the export records of some judgments, in their order. */
export async function loadRecords(
	db: ArenaDB,
	judgments: readonly Judgment[],
	cache: RecordCache
): Promise<RecordChunk> {
	const trials = new Map<string, Trial>();
	const missingTrials: string[] = [];
	for (const judgment of judgments) {
		const trial = cache.trials.get(judgment.trialId);
		if (trial) trials.set(trial.id, trial);
		else missingTrials.push(judgment.trialId);
	}
	if (missingTrials.length > 0)
		for (const trial of await db.trials.bulkGet([...new Set(missingTrials)]))
			if (trial) trials.set(trial.id, trial);
	const items = await cached(
		cache.items,
		judgments.map((judgment) => judgment.itemId),
		(ids) => getItems(db, ids)
	);
	const responseIds: string[] = [];
	for (const trial of trials.values())
		responseIds.push(trial.leftResponseId, trial.rightResponseId);
	const responses = await cached(cache.responses, responseIds, (ids) => db.responses.bulkGet(ids));
	const missingStudies = [...new Set(judgments.map((judgment) => judgment.studyId))].filter(
		(id) => !cache.studies.has(id)
	);
	const studies = missingStudies.length > 0 ? await db.studies.bulkGet(missingStudies) : [];
	missingStudies.forEach((id, index) => cache.studies.set(id, studies[index]));

	const records: JudgmentRecord[] = [];
	const incomplete: string[] = [];
	for (const judgment of judgments) {
		const trial = trials.get(judgment.trialId);
		const item = items.get(judgment.itemId);
		const study = cache.studies.get(judgment.studyId);
		const leftResponse = trial && responses.get(trial.leftResponseId);
		const rightResponse = trial && responses.get(trial.rightResponseId);
		if (!trial || !item || !study || !leftResponse || !rightResponse) {
			incomplete.push(judgment.id);
			continue;
		}
		records.push(
			buildJudgmentRecord({
				judgment,
				trial,
				study,
				item,
				leftResponse,
				rightResponse,
				endpoints: cache.endpoints
			})
		);
	}
	return { records, incomplete };
}

/** A cache ready for `loadRecords` of these judgments (studies mostly covered preloaded). */
export async function exportCache(
	db: ArenaDB,
	judgments: readonly Judgment[]
): Promise<RecordCache> {
	const cache = await recordCache(db);
	await preloadStudies(db, judgments, cache);
	return cache;
}

/**
 * Every record of a study, for the Results view. It runs inside a live query, so it only reads,
 * in pages: never one request per row, nor the whole table at once.
 */
export async function studyRecords(db: ArenaDB, studyId: string): Promise<RecordChunk> {
	const judgments = await readJudgments(db, { studyId });
	return loadRecords(db, judgments, await exportCache(db, judgments));
}

// Every transfer table is stored as rows of its own name except prompt items, which live in
// pages (item-pages.ts); the helpers below and tableCounts/tableChunks bridge that difference.
function storeOf(db: ArenaDB, table: TransferTable) {
	return table === 'promptItems' ? db.promptPages : db.table(table);
}

function storedRows(db: ArenaDB, table: TransferTable, ids: string[]): Promise<unknown[]> {
	return table === 'promptItems' ? getItems(db, ids) : db.table(table).bulkGet(ids);
}

async function addRows(db: ArenaDB, table: TransferTable, rows: unknown[]): Promise<void> {
	if (table === 'promptItems') await addItems(db, rows as PromptItem[]);
	else await db.table(table).bulkAdd(rows);
}

export async function tableCounts(db: ArenaDB): Promise<Record<TransferTable, number>> {
	const counts = {} as Record<TransferTable, number>;
	for (const table of TRANSFER_TABLES)
		counts[table] = await (table === 'promptItems' ? countItems(db) : db.table(table).count());
	return counts;
}

/** Rows of one table in primary-key order, `size` at a time (keyset paging, no offsets). */
export async function* tableChunks<K extends TransferTable>(
	db: ArenaDB,
	table: K,
	size: number
): AsyncGenerator<TableRows[K][]> {
	if (table === 'promptItems') {
		const items: PromptItem[] = [];
		await forEachItem(db, (item) => void items.push(item));
		items.sort(byId);
		for (let start = 0; start < items.length; start += size)
			yield items.slice(start, start + size) as TableRows[K][];
		return;
	}
	let last: string | undefined;
	for (;;) {
		const query = db.table(table);
		const rows = (await (last === undefined
			? query.orderBy(':id').limit(size).toArray()
			: query.where(':id').above(last).limit(size).toArray())) as TableRows[K][];
		if (rows.length === 0) return;
		yield rows;
		last = (rows[rows.length - 1] as { id: string }).id;
		if (rows.length < size) return;
	}
}

/**
 * Merges an import plan in one read-write transaction: new rows are added, duplicates skipped,
 * conflicts left as stored; a second verdict on a trial by the same rater is a conflict too.
 * Any failure rolls back every table.
 */
export async function applyImportPlan(
	db: ArenaDB,
	plan: ImportPlan
): Promise<TableMerge<unknown>[]> {
	const tables = TRANSFER_TABLES.map((table) => storeOf(db, table));
	return db.transaction('rw', tables, async () => {
		const merges: TableMerge<unknown>[] = [];
		for (const table of TRANSFER_TABLES) {
			const entry = plan[table] as TablePlan;
			const ids = [...new Set(entry.incoming.map((incoming) => incoming.id))];
			const stored = ids.length > 0 ? await storedRows(db, table, ids) : [];
			const existing = new Map<string, TableRows[TransferTable]>();
			ids.forEach((id, index) => {
				const row = stored[index] as TableRows[TransferTable] | undefined;
				if (row !== undefined) existing.set(id, row);
			});
			let merge = mergeRows(table, entry.incoming, existing, entry.project);
			if (table === 'judgments' && merge.fresh.length > 0) {
				const fresh = merge.fresh as Judgment[];
				const trialIds = [...new Set(fresh.map((judgment) => judgment.trialId))];
				const stored = await db.judgments.where('trialId').anyOf(trialIds).toArray();
				const locations = new Map(entry.incoming.map((row) => [row.id, row.location]));
				merge = oneVerdictPerTrial(merge as TableMerge<Judgment>, stored, locations);
			}
			if (merge.fresh.length > 0) await addRows(db, table, merge.fresh);
			merges.push(merge);
		}
		return merges;
	});
}
