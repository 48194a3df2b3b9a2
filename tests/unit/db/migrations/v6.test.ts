// Version 6 adds judgment segments. Judgments written by version 5 must all be in them after the
// upgrade, in export order, and an export of the upgraded database must carry every one.
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { compareRecords } from '$lib/core/codecs/judgment-record';
import {
	DB_VERSION,
	V1_STORES,
	V2_STORES,
	V3_STORES,
	V4_STORES,
	V5_STORES
} from '$lib/db/arena-db';
import { decodeSegment, SEGMENT_SIZE } from '$lib/db/repos/judgment-segments';
import { readExportSource, selectedJudgments } from '$lib/db/repos/export-selection';
import { makeJudgment } from '../../factories';
import { freshIndexedDb, testDb } from '../test-db';

const judgments = Array.from({ length: SEGMENT_SIZE + 20 }, (_, n) =>
	makeJudgment({
		id: `j-${String(n).padStart(4, '0')}`,
		createdAt: new Date(Date.UTC(2026, 10, 1, 9, 0, n % 7)).toISOString()
	})
);

describe('database version 6 (judgment segments)', () => {
	it('puts every version-5 judgment into segments, in export order', async () => {
		const deps = freshIndexedDb();
		const old = new Dexie('upgrade-v5', deps);
		old.version(1).stores(V1_STORES);
		old.version(2).stores(V2_STORES);
		old.version(3).stores(V3_STORES);
		old.version(4).stores(V4_STORES);
		old.version(5).stores(V5_STORES);
		await old.open();
		await old.table('judgments').bulkAdd(judgments);
		old.close();

		const db = testDb(deps, 'upgrade-v5');
		await db.open();
		expect(db.verno).toBe(DB_VERSION);
		const segments = await db.judgmentSegments.orderBy('key').toArray();
		expect(segments.map((segment) => segment.count)).toEqual([SEGMENT_SIZE, 20]);
		const sorted = [...judgments].sort(compareRecords);
		expect(segments.flatMap(decodeSegment)).toEqual(sorted);
		expect(selectedJudgments(await readExportSource(db), {})).toEqual(sorted);
		db.close();
	});
});
