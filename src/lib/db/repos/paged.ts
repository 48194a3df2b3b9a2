// Large reads in pages of the primary key. One getAll of 100,000 rows is delivered (and
// deserialised) in a single task that blocks the page for a second or more; pages of 2,000
// arrive as separate tasks, so the page keeps painting in between. No timers are awaited, so
// this also works inside a live query.
import type { Collection, Table } from 'dexie';

const PAGE_SIZE = 2000;

/** Visits every row of a table in primary-key order, one page (one request) at a time. */
export async function forEachRow<T extends { id: string }, Insert>(
	table: Table<T, string, Insert>,
	visit: (row: T) => void,
	size = PAGE_SIZE
): Promise<void> {
	let page = await table.orderBy(':id').limit(size).toArray();
	while (page.length) {
		page.forEach(visit);
		const last = page[page.length - 1];
		if (page.length < size || !last) break;
		page = await table.where(':id').above(last.id).limit(size).toArray();
	}
}

/** An index query and how many rows it holds (callers often need the count to decide). */
export interface CountedQuery<T, Insert> {
	rows: Collection<T, string, Insert>;
	count: number;
}

export async function countedQuery<T, Insert>(
	rows: Collection<T, string, Insert>
): Promise<CountedQuery<T, Insert>> {
	return { rows, count: await rows.clone().count() };
}

/**
 * Rows that pass `keep`: straight from `candidates` (an index query that finds a superset of them)
 * when it holds few rows, else by paging the whole table, since an index gives no way to page
 * within one key.
 */
export async function matchingRows<T extends { id: string }, Insert>(
	table: Table<T, string, Insert>,
	candidates: CountedQuery<T, Insert> | undefined,
	keep: (row: T) => boolean,
	size = PAGE_SIZE
): Promise<T[]> {
	if (candidates && candidates.count <= size) return (await candidates.rows.toArray()).filter(keep);
	const rows: T[] = [];
	await forEachRow(
		table,
		(row) => {
			if (keep(row)) rows.push(row);
		},
		size
	);
	return rows;
}
