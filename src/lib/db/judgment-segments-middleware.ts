// Keeps `judgmentSegments` in step with `judgments` (see repos/judgment-segments.ts) below every
// write API: a Dexie middleware sees each add, put and delete of a judgment, however it was asked
// for (put, bulkAdd, modify, a collection's delete, clear), and updates the segments in the same
// IndexedDB transaction, so a crash leaves both or neither. Every read-write transaction over
// judgments gets the segments store added to its scope for this.
import {
	cmp,
	type DBCore,
	type DBCoreKeyRange,
	type DBCoreMutateRequest,
	type DBCoreTable,
	type DBCoreTransaction,
	type Middleware
} from 'dexie';
import type { Judgment } from '$lib/core/schema';
import {
	planSegmentChange,
	sortKey,
	type JudgmentSegment,
	type SegmentChange
} from './repos/judgment-segments';

const JUDGMENTS = 'judgments';
const SEGMENTS = 'judgmentSegments';
/** Up to this many replaced or deleted judgments are looked up one by one; more, and every segment is read. */
const LOOKUP_LIMIT = 2000;
// DBCoreRangeType is a const enum, which isolated modules cannot import.
const RANGE_EQUAL = 1;
const RANGE_ANY = 3;
const RANGE_NEVER = 4;

function inRange(key: unknown, range: DBCoreKeyRange): boolean {
	if ((range.type as number) === RANGE_ANY) return true;
	if ((range.type as number) === RANGE_NEVER) return false;
	if ((range.type as number) === RANGE_EQUAL) return cmp(key, range.lower) === 0;
	const low = range.lower === undefined ? 1 : cmp(key, range.lower);
	const high = range.upper === undefined ? -1 : cmp(key, range.upper);
	return (range.lowerOpen ? low > 0 : low >= 0) && (range.upperOpen ? high < 0 : high <= 0);
}

const NOTHING: SegmentChange = { removed: () => false, removedKeys: [], added: [] };

/** What a request takes out of the segments, read before it runs (its old rows are still there). */
async function removalOf(
	table: DBCoreTable,
	request: DBCoreMutateRequest
): Promise<Omit<SegmentChange, 'added'>> {
	if (request.type === 'add') return NOTHING;
	if (request.type === 'deleteRange') {
		const { range } = request;
		return { removed: (judgment) => inRange(judgment.id, range), removedKeys: 'all' };
	}
	const ids: string[] =
		request.type === 'delete'
			? request.keys
			: request.values.map((value) => (value as Judgment).id);
	const set = new Set(ids);
	const removed = (judgment: Judgment) => set.has(judgment.id);
	if (ids.length > LOOKUP_LIMIT) return { removed, removedKeys: 'all' };
	const old = (await table.getMany({ trans: request.trans, keys: ids })) as (
		Judgment | undefined
	)[];
	const removedKeys = old.filter((row) => row !== undefined).map(sortKey);
	return { removed, removedKeys };
}

async function updateSegments(
	segments: DBCoreTable,
	trans: DBCoreTransaction,
	change: SegmentChange
): Promise<void> {
	if (change.removedKeys !== 'all' && change.removedKeys.length === 0 && change.added.length === 0)
		return;
	const { result } = await segments.query({
		trans,
		values: false,
		query: { index: segments.schema.primaryKey, range: { type: RANGE_ANY } as DBCoreKeyRange }
	});
	const plan = planSegmentChange(result as string[], change);
	const stored =
		plan.read.length > 0
			? ((await segments.getMany({ trans, keys: plan.read })) as (JudgmentSegment | undefined)[])
			: [];
	const { deleted, put } = plan.rewrite(stored);
	if (deleted.length > 0) await segments.mutate({ trans, type: 'delete', keys: deleted });
	if (put.length > 0) await segments.mutate({ trans, type: 'put', values: put });
}

export const judgmentSegmentsMiddleware: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'JudgmentSegments',
	// Below Dexie's own middlewares, right on IndexedDB: theirs read the current transaction from
	// Dexie's zone, which an await here would lose.
	level: -10,
	create(down) {
		const hasSegments = () => down.schema.tables.some((table) => table.name === SEGMENTS);
		return {
			transaction(stores, mode, options) {
				const widen =
					mode === 'readwrite' &&
					stores.includes(JUDGMENTS) &&
					!stores.includes(SEGMENTS) &&
					hasSegments();
				return down.transaction(widen ? [...stores, SEGMENTS] : stores, mode, options);
			},
			table(name) {
				const table = down.table(name);
				if (name !== JUDGMENTS || !hasSegments()) return table;
				const segments = down.table(SEGMENTS);
				return {
					...table,
					async mutate(request) {
						const removal = await removalOf(table, request);
						const response = await table.mutate(request);
						const added =
							request.type === 'add' || request.type === 'put'
								? (request.values as Judgment[]).filter((_, index) => !(index in response.failures))
								: [];
						await updateSegments(segments, request.trans, { ...removal, added });
						return response;
					}
				};
			}
		};
	}
};
