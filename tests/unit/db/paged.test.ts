import { describe, expect, it } from 'vitest';
import { countedQuery, forEachRow, matchingRows } from '$lib/db/repos/paged';
import { makeJudgment } from '../factories';
import { testDb } from './test-db';

async function judgments(count: number) {
	const db = testDb();
	const rows = Array.from({ length: count }, (_, index) =>
		makeJudgment({
			id: `j-${String(index).padStart(3, '0')}`,
			studyId: index % 3 === 0 ? 'study-a' : 'study-b'
		})
	);
	await db.judgments.bulkAdd([...rows].reverse());
	return { db, rows };
}

describe('paged reads', () => {
	it('visit every row once, in id order, across page boundaries', async () => {
		for (const count of [0, 1, 6, 7, 10]) {
			const { db, rows } = await judgments(count);
			const seen: string[] = [];
			await forEachRow(db.judgments, (row) => seen.push(row.id), 3);
			expect(seen).toEqual(rows.map((row) => row.id));
		}
	});

	it('give the same matching rows from a small index query or by paging the table', async () => {
		const { db, rows } = await judgments(10);
		const expected = rows.filter((row) => row.studyId === 'study-b').map((row) => row.id);
		const narrow = () => db.judgments.where('studyId').equals('study-b');
		const keep = (row: { studyId: string }) => row.studyId === 'study-b';
		// Seven rows: within a page of 10 the index answers; with pages of 3 the table is paged.
		for (const size of [10, 3]) {
			const found = await matchingRows(db.judgments, await countedQuery(narrow()), keep, size);
			expect(found.map((row) => row.id).sort()).toEqual(expected);
		}
		const all = await matchingRows(db.judgments, undefined, () => true, 4);
		expect(all).toHaveLength(10);
	});
});
