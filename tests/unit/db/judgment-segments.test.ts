// Judgment segments are a second copy of every judgment, in export order, kept in step with the
// rows by a Dexie middleware. Whatever writes judgments — any write API, inside or outside an
// explicit transaction, one row or thousands — the segments must hold exactly the rows, sorted,
// in non-overlapping runs of at most SEGMENT_SIZE; and should they ever disagree, an export
// rebuilds them from the rows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRecords } from '$lib/core/codecs/judgment-record';
import type { Judgment } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { commitJudgment, undoLastJudgment } from '$lib/db/repos/judgments';
import { deleteStudy } from '$lib/db/repos/studies';
import {
	decodeSegment,
	planSegmentChange,
	readSegments,
	SEGMENT_SIZE,
	sortKey,
	type JudgmentSegment
} from '$lib/db/repos/judgment-segments';
import { makeJudgment, makeStudy } from '../factories';
import { testDb } from './test-db';

/** The segments' judgments in order, after checking their layout. */
function layoutOf(segments: readonly JudgmentSegment[], size = SEGMENT_SIZE): Judgment[] {
	const all: Judgment[] = [];
	let previous = '';
	for (const segment of segments) {
		const judgments = decodeSegment(segment);
		expect(judgments.length).toBe(segment.count);
		expect(judgments.length).toBeGreaterThan(0);
		expect(judgments.length).toBeLessThanOrEqual(size);
		expect(segment.key).toBe(sortKey(judgments[0] as Judgment));
		for (const judgment of judgments) {
			// Sorted within, and no overlap between segments.
			expect(sortKey(judgment) > previous).toBe(true);
			previous = sortKey(judgment);
		}
		all.push(...judgments);
	}
	return all;
}

async function expectInStep(db: ArenaDB): Promise<void> {
	const segments = await db.judgmentSegments.orderBy('key').toArray();
	const rows = (await db.judgments.toArray()).sort(compareRecords);
	expect(layoutOf(segments)).toEqual(rows);
}

const at = (second: number) => new Date(Date.UTC(2026, 10, 1, 9, 0, second)).toISOString();

function judgments(count: number, prefix = 'j', studyId = 'study-a'): Judgment[] {
	return Array.from({ length: count }, (_, n) =>
		makeJudgment({
			id: `${prefix}-${String(n).padStart(5, '0')}`,
			studyId,
			raterId: `rater-${n % 3}`,
			createdAt: at(n % 50)
		})
	);
}

describe('judgment segments', () => {
	it('sort keys order judgments as exports do', () => {
		const judgmentArb = fc.record({
			id: fc.string({ minLength: 1, maxLength: 4 }),
			createdAt: fc.constantFrom(at(1), at(2), '2026-11-01T09:00:01Z')
		});
		fc.assert(
			fc.property(judgmentArb, judgmentArb, (a, b) => {
				const byKey = sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0;
				expect(byKey).toBe(Math.sign(compareRecords(a, b)));
			})
		);
	});

	it('stay the rows, sorted, after any sequence of adds, replacements and removals', () => {
		const SIZE = 3;
		const op = fc.oneof(
			fc.record({ add: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 8 }) }),
			fc.record({ remove: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }) }),
			fc.record({ removeAll: fc.integer({ min: 0, max: 3 }) })
		);
		fc.assert(
			fc.property(fc.array(op, { maxLength: 12 }), fc.integer(), (ops, seed) => {
				const rows = new Map<string, Judgment>();
				let store = new Map<string, JudgmentSegment>();
				const judgment = (n: number, version: number) =>
					makeJudgment({
						id: `j${n}`,
						createdAt: at((n * 7 + version + seed) % 11),
						rationale: `${version}`
					});
				ops.forEach((step, version) => {
					let change;
					if ('add' in step) {
						const added = step.add.map((n) => judgment(n, version));
						const replaced = added.filter((j) => rows.has(j.id));
						change = {
							removed: (j: Judgment) => added.some((a) => a.id === j.id),
							removedKeys: replaced.map((j) => sortKey(rows.get(j.id) as Judgment)),
							added
						};
						for (const j of added) rows.set(j.id, j);
					} else if ('remove' in step) {
						const gone = step.remove.map((n) => rows.get(`j${n}`)).filter((j) => j !== undefined);
						change = {
							removed: (j: Judgment) => gone.some((g) => g.id === j.id),
							removedKeys: gone.map(sortKey),
							added: []
						};
						for (const j of gone) rows.delete(j.id);
					} else {
						const removed = (j: Judgment) => Number(j.id.slice(1)) % 4 === step.removeAll;
						change = { removed, removedKeys: 'all' as const, added: [] };
						for (const j of [...rows.values()]) if (removed(j)) rows.delete(j.id);
					}
					const keys = [...store.keys()].sort();
					const plan = planSegmentChange(keys, change, SIZE);
					const { deleted, put } = plan.rewrite(plan.read.map((key) => store.get(key)));
					store = new Map(store);
					for (const key of deleted) store.delete(key);
					for (const segment of put) store.set(segment.key, segment);
					const ordered = [...store.keys()].sort().map((key) => store.get(key) as JudgmentSegment);
					expect(layoutOf(ordered, SIZE)).toEqual([...rows.values()].sort(compareRecords));
				});
			})
		);
	});

	it('follow every way the app and Dexie write judgments', async () => {
		const db = testDb();
		await db.studies.bulkPut([makeStudy({ id: 'study-a' }), makeStudy({ id: 'study-b' })]);
		const many = judgments(SEGMENT_SIZE * 2 + 30);
		await db.judgments.bulkAdd(many);
		await expectInStep(db);
		expect(await db.judgmentSegments.count()).toBe(3);

		// A rater's verdict, a replaced one, an undo (explicit transactions with drafts).
		await commitJudgment(
			db,
			makeJudgment({ id: 'new-1', studyId: 'study-b', raterId: 'r', createdAt: at(59) })
		);
		await commitJudgment(db, { ...(many[7] as Judgment), createdAt: at(58), rationale: 'moved' });
		await expectInStep(db);
		await undoLastJudgment(db, 'study-b', 'r');
		await expectInStep(db);

		// Updates, a large replacement (every segment read), bulk deletes, a study's deletion.
		await db.judgments.where('raterId').equals('rater-1').modify({ rationale: 'changed' });
		await db.judgments.bulkPut(
			many.slice(0, SEGMENT_SIZE * 2 + 10).map((j) => ({ ...j, decisionMs: 9 }))
		);
		await expectInStep(db);
		await db.judgments.bulkDelete(many.slice(100, 700).map((j) => j.id));
		await db.judgments.bulkAdd(judgments(40, 'b', 'study-b'));
		await expectInStep(db);
		await deleteStudy(db, 'study-a');
		await expectInStep(db);
		expect(await db.judgments.count()).toBe(40);
		await db.judgments.clear();
		await expectInStep(db);
		expect(await db.judgmentSegments.count()).toBe(0);
		db.close();
	});

	it('are rebuilt from the rows when an export finds them out of step', async () => {
		const db = testDb();
		await db.judgments.bulkAdd(judgments(30));
		// A write straight to IndexedDB, past the middleware.
		const stray = makeJudgment({ id: 'stray', createdAt: at(3) });
		await new Promise<void>((resolve, reject) => {
			const transaction = db.backendDB().transaction('judgments', 'readwrite');
			transaction.objectStore('judgments').put(stray);
			transaction.oncomplete = () => resolve();
			transaction.onerror = () => reject(transaction.error);
		});
		const segments = await readSegments(db);
		expect(layoutOf(segments).map((j) => j.id)).toContain('stray');
		await expectInStep(db);
		db.close();
	});

	it('written by the release before the compact encoding read the same, and are rewritten compact', async () => {
		const db = testDb();
		const earlier = judgments(SEGMENT_SIZE + 20);
		await db.judgments.bulkAdd(earlier);
		const compact = await db.judgmentSegments.orderBy('key').toArray();
		expect(compact.every((segment) => segment.judgments.startsWith('{'))).toBe(true);
		// What the earlier release stored: each segment's judgments as a plain JSON array.
		const plain = compact.map((segment) => ({
			...segment,
			judgments: JSON.stringify(decodeSegment(segment))
		}));
		await db.transaction('rw', db.judgmentSegments, () => db.judgmentSegments.bulkPut(plain));
		const stored = await db.judgmentSegments.orderBy('key').toArray();
		expect(stored.every((segment) => segment.judgments.startsWith('['))).toBe(true);
		await expectInStep(db);
		expect((await readSegments(db)).flatMap(decodeSegment)).toEqual(compact.flatMap(decodeSegment));

		// A new verdict rewrites the segment it lands in, in the compact encoding.
		await commitJudgment(db, makeJudgment({ id: 'late', raterId: 'r', createdAt: at(59) }));
		const after = await db.judgmentSegments.orderBy('key').toArray();
		expect(after.map((segment) => segment.judgments[0])).toEqual(['[', '{']);
		await expectInStep(db);
		db.close();
	});
});
