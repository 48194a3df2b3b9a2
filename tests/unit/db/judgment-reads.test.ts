// Exports and the Results view read judgments a page at a time, through the selection's own index
// when it is small and the createdAt index otherwise. Whatever the filter, the page size and
// however many judgments share a createdAt, the pages together must be exactly the filtered table
// in export order, each judgment once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRecords } from '$lib/core/codecs/record-order';
import type { Judgment } from '$lib/core/schema';
import {
	forEachJudgmentPage,
	matchesFilter,
	readJudgments,
	type JudgmentFilter
} from '$lib/db/repos/judgment-reads';
import { makeJudgment } from '../factories';
import { testDb } from './test-db';

// Few distinct times, so runs of equal createdAt are common and cross page boundaries.
const TIMES = ['2026-11-01T10:00:00.000Z', '2026-11-01T10:00:01.000Z', '2026-11-01T10:00:02.000Z'];

const judgmentArb = fc.record({
	id: fc.stringMatching(/^j-[a-z0-9]{1,6}$/),
	studyId: fc.constantFrom('study-a', 'study-b'),
	raterId: fc.constantFrom('rater-1', 'rater-2', 'rater-3'),
	createdAt: fc.constantFrom(...TIMES)
});

const filterArb = fc.record(
	{
		studyId: fc.constantFrom('study-a', 'study-b'),
		raterId: fc.constantFrom('rater-1', 'rater-2'),
		from: fc.constantFrom(...TIMES),
		to: fc.constantFrom(...TIMES, '2026-11-02T00:00:00.000Z')
	},
	{ requiredKeys: [] }
);

describe('judgment reads', () => {
	it('page by page, are the filtered table in (createdAt, id) order, each judgment once', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(judgmentArb, { selector: (row) => row.id, maxLength: 40 }),
				filterArb,
				fc.integer({ min: 1, max: 9 }),
				async (rows, filter: JudgmentFilter, size) => {
					const judgments = rows.map((row) => makeJudgment(row));
					const db = testDb();
					await db.judgments.bulkPut(judgments);
					const pages: Judgment[][] = [];
					await forEachJudgmentPage(db, filter, (page) => void pages.push(page), size);
					const all = await readJudgments(db, filter);
					db.close();
					const expected = judgments.filter(matchesFilter(filter)).sort(compareRecords);
					expect(pages.flat().map((j) => j.id)).toEqual(expected.map((j) => j.id));
					expect(all.map((j) => j.id)).toEqual(expected.map((j) => j.id));
					expect(pages.every((page) => page.length > 0)).toBe(true);
				}
			),
			{ numRuns: 80 }
		);
	});

	it('awaits what the visitor returns before reading the next page', async () => {
		const db = testDb();
		await db.judgments.bulkPut(
			Array.from({ length: 7 }, (_, n) =>
				makeJudgment({ id: `j-${n}`, createdAt: `2026-11-01T10:00:0${n}.000Z` })
			)
		);
		const events: string[] = [];
		await forEachJudgmentPage(
			db,
			{},
			async (page) => {
				events.push(`start ${page.length}`);
				await new Promise((resolve) => setTimeout(resolve, 1));
				events.push('end');
			},
			3
		);
		expect(events).toEqual(['start 3', 'end', 'start 3', 'end', 'start 1', 'end']);
	});
});
