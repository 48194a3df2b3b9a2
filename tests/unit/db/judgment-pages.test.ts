// An export reads judgments through the createdAt index a page at a time. Whatever the page size,
// the filter and however many judgments share a createdAt, the pages put together must be exactly
// the selection in export order: what sorting the filtered table gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRecords } from '$lib/core/codecs/judgment-record';
import type { Judgment } from '$lib/core/schema';
import { judgmentPages, matchesFilter, type JudgmentFilter } from '$lib/db/repos/judgment-pages';
import { makeJudgment, makeStudy } from '../factories';
import { testDb } from './test-db';

// Few distinct times, so runs of equal createdAt are common and often longer than a page.
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

async function read(filter: JudgmentFilter, size: number, judgments: Judgment[]) {
	const db = testDb();
	await db.studies.bulkPut([makeStudy({ id: 'study-a' }), makeStudy({ id: 'study-b' })]);
	await db.judgments.bulkPut(judgments);
	const { total, perStudy, pages } = await judgmentPages(db, filter, size);
	const read: Judgment[] = [];
	for await (const page of pages) read.push(...page);
	db.close();
	return { total, perStudy, ids: read.map((judgment) => judgment.id) };
}

describe('judgment pages', () => {
	it('put together, are the selection in (createdAt, id) order for any page size and filter', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(judgmentArb, { selector: (row) => row.id, maxLength: 40 }),
				filterArb,
				fc.integer({ min: 1, max: 6 }),
				async (rows, filter, size) => {
					const judgments = rows.map((row) => makeJudgment(row));
					const expected = judgments.filter(matchesFilter(filter)).sort(compareRecords);
					const { total, perStudy, ids } = await read(filter, size, judgments);
					expect(ids).toEqual(expected.map((judgment) => judgment.id));
					expect(total).toBeGreaterThanOrEqual(expected.length);
					for (const study of ['study-a', 'study-b'])
						expect(perStudy.get(study) ?? 0).toBeGreaterThanOrEqual(
							expected.filter((judgment) => judgment.studyId === study).length
						);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('reads a run of equal times longer than a page whole, and goes on after it', async () => {
		const judgments = [
			makeJudgment({ id: 'a', createdAt: TIMES[0] }),
			...['b', 'c', 'd', 'e', 'f'].map((id) => makeJudgment({ id, createdAt: TIMES[1] })),
			makeJudgment({ id: 'g', createdAt: TIMES[2] })
		];
		const { ids, total } = await read({}, 2, judgments);
		expect(ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
		expect(total).toBe(7);
	});
});
