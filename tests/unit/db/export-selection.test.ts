// An export reads its judgments through an index (small selections) or from the judgment
// segments. Whatever the filter and however many judgments share a createdAt, the selection must
// be exactly the filtered table in export order, and the parts several workers write must be
// that selection again when put together in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRecords } from '$lib/core/codecs/judgment-record';
import {
	matchesFilter,
	readExportSource,
	readSelection,
	selectedJudgments,
	shareOf,
	type JudgmentFilter
} from '$lib/db/repos/export-selection';
import { segmentsInStep, toSegments } from '$lib/db/repos/judgment-segments';
import { makeJudgment, makeStudy } from '../factories';
import { testDb } from './test-db';

// Few distinct times, so runs of equal createdAt are common.
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

describe('export selection', () => {
	it('is the filtered table in (createdAt, id) order, from an index or the segments', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(judgmentArb, { selector: (row) => row.id, maxLength: 40 }),
				filterArb,
				async (rows, filter: JudgmentFilter) => {
					const judgments = rows.map((row) => makeJudgment(row));
					const db = testDb();
					await db.studies.bulkPut([makeStudy({ id: 'study-a' }), makeStudy({ id: 'study-b' })]);
					await db.judgments.bulkPut(judgments);
					const source = await readExportSource(db, filter);
					db.close();
					const expected = judgments.filter(matchesFilter(filter)).sort(compareRecords);
					expect(selectedJudgments(source, filter).map((j) => j.id)).toEqual(
						expected.map((j) => j.id)
					);
				}
			),
			{ numRuns: 100 }
		);
	});

	it('is the same read without writing, from an index, the segments or pages of rows', async () => {
		// The Results view reads inside a live query: segments only while they are in step with the
		// rows, never repaired there; a write that bypassed Dexie sends it to the rows instead.
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(judgmentArb, { selector: (row) => row.id, maxLength: 40 }),
				filterArb,
				fc.integer({ min: 0, max: 50 }),
				fc.boolean(),
				async (rows, filter: JudgmentFilter, indexedLimit, bypass) => {
					const judgments = rows.map((row) => makeJudgment(row));
					const db = testDb();
					await db.judgments.bulkPut(judgments);
					if (bypass) {
						const stray = makeJudgment({ id: 'j-stray', studyId: 'study-a', raterId: 'rater-1' });
						judgments.push(stray);
						await new Promise<void>((resolve, reject) => {
							const transaction = db.backendDB().transaction('judgments', 'readwrite');
							transaction.objectStore('judgments').put(stray);
							transaction.oncomplete = () => resolve();
							transaction.onerror = () => reject(transaction.error);
						});
					}
					const selection = await readSelection(db, filter, indexedLimit);
					expect(await segmentsInStep(db)).toSatisfy((step) => (step === undefined) === bypass);
					db.close();
					const expected = judgments.filter(matchesFilter(filter)).sort(compareRecords);
					expect(selection.map((j) => j.id)).toEqual(expected.map((j) => j.id));
				}
			),
			{ numRuns: 100 }
		);
	});

	it('splits into parts that, in order, are the whole selection', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(judgmentArb, { selector: (row) => row.id, maxLength: 60 }),
				filterArb,
				fc.integer({ min: 1, max: 7 }),
				fc.integer({ min: 1, max: 4 }),
				(rows, filter: JudgmentFilter, size, parts) => {
					const sorted = rows.map((row) => makeJudgment(row)).sort(compareRecords);
					const whole = { kind: 'segments' as const, segments: toSegments(sorted, size) };
					const together = Array.from({ length: parts }, (_, part) =>
						selectedJudgments(shareOf(whole, part, parts), filter)
					).flat();
					expect(together).toEqual(selectedJudgments(whole, filter));
				}
			)
		);
	});

	it('gives rows read through an index whole to the first part', () => {
		const judgments = [makeJudgment({ id: 'a' }), makeJudgment({ id: 'b' })];
		const rows = { kind: 'rows' as const, judgments };
		expect(selectedJudgments(shareOf(rows, 0, 2), {})).toEqual(judgments);
		expect(selectedJudgments(shareOf(rows, 1, 2), {})).toEqual([]);
	});
});
