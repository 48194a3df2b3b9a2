// Version 7 drops the judgment segments (a second copy of every judgment) and holds one verdict
// per (trial, rater). A version-6 database keeps every judgment, readable in export order; where
// two tabs had stored two verdicts for one trial, the first stays and the later one is set aside
// whole (not deleted), so results and exports count one.
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { compareRecords } from '$lib/core/codecs/judgment-record';
import {
	DB_VERSION,
	V1_STORES,
	V2_STORES,
	V3_STORES,
	V4_STORES,
	V5_STORES,
	V6_STORES
} from '$lib/db/arena-db';
import { readJudgments } from '$lib/db/repos/judgment-reads';
import { SET_ASIDE_KEY } from '$lib/db/migrations/v7-one-verdict-per-trial';
import { makeJudgment } from '../../factories';
import { freshIndexedDb, testDb } from '../test-db';

const judgments = Array.from({ length: 30 }, (_, n) =>
	makeJudgment({
		id: `j-${String(n).padStart(3, '0')}`,
		trialId: `trial-${n}`,
		createdAt: new Date(Date.UTC(2026, 10, 1, 9, 0, n % 7)).toISOString()
	})
);
// The same rater's second verdict for trial 3, committed later from another tab.
const twice = makeJudgment({
	id: 'j-other-tab',
	trialId: 'trial-3',
	overall: 'right-much-better',
	createdAt: '2026-11-02T09:00:00.000Z'
});

async function version6(deps: ReturnType<typeof freshIndexedDb>, name: string) {
	const old = new Dexie(name, deps);
	old.version(1).stores(V1_STORES);
	old.version(2).stores(V2_STORES);
	old.version(3).stores(V3_STORES);
	old.version(4).stores(V4_STORES);
	old.version(5).stores(V5_STORES);
	old.version(6).stores(V6_STORES);
	await old.open();
	await old.table('judgments').bulkAdd([...judgments, twice]);
	await old.table('judgmentSegments').add({ key: 'segment-0', count: 31, data: '[]' });
	old.close();
}

describe('database version 7 (no segments, one verdict per trial and rater)', () => {
	it('keeps every judgment, drops the segments, and sets a second verdict aside', async () => {
		const deps = freshIndexedDb();
		await version6(deps, 'upgrade-v6');
		const db = testDb(deps, 'upgrade-v6');
		await db.open();
		expect(db.verno).toBe(DB_VERSION);
		expect(db.tables.map((table) => table.name)).not.toContain('judgmentSegments');
		expect(await readJudgments(db)).toEqual([...judgments].sort(compareRecords));
		expect((await db.settings.get(SET_ASIDE_KEY))?.value).toEqual([twice]);
		const byTrialAndRater = await db.judgments
			.where('[trialId+raterId]')
			.equals(['trial-3', 'rater-ada'])
			.toArray();
		expect(byTrialAndRater.map((judgment) => judgment.id)).toEqual(['j-003']);
		db.close();
	});

	it('sets nothing aside when every trial has one verdict per rater', async () => {
		const deps = freshIndexedDb();
		const old = new Dexie('clean-v6', deps);
		old.version(6).stores({ ...V1_STORES, ...V3_STORES, ...V4_STORES, ...V6_STORES });
		await old.open();
		await old.table('judgments').bulkAdd(judgments);
		old.close();
		const db = testDb(deps, 'clean-v6');
		expect(await db.judgments.count()).toBe(judgments.length);
		expect(await db.settings.get(SET_ASIDE_KEY)).toBeUndefined();
		db.close();
	});
});
