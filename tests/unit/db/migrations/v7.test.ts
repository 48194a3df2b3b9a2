// Version 7 drops the judgment segments (a second copy of every judgment) and holds one verdict
// per (trial, rater). A version-6 database keeps every judgment, readable in export order; where
// two tabs had stored two verdicts for one trial, the first stays and the later one is set aside
// whole (not deleted), so results and exports count one.
import { describe, expect, it } from 'vitest';
import { compareRecords } from '$lib/core/codecs/record-order';
import { DB_VERSION } from '$lib/db/arena-db';
import { readJudgments } from '$lib/db/repos/judgment-reads';
import { SET_ASIDE_KEY } from '$lib/db/migrations/v7-one-verdict-per-trial';
import { makeJudgment } from '../../factories';
import { freshIndexedDb, seedOldVersion, testDb } from '../test-db';

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

const version6 = (deps: ReturnType<typeof freshIndexedDb>, name: string) =>
	seedOldVersion(deps, name, 6, {
		judgments: [...judgments, twice],
		judgmentSegments: [{ key: 'segment-0', count: 31, data: '[]' }]
	});

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
		await seedOldVersion(deps, 'clean-v6', 6, { judgments });
		const db = testDb(deps, 'clean-v6');
		expect(await db.judgments.count()).toBe(judgments.length);
		expect(await db.settings.get(SET_ASIDE_KEY)).toBeUndefined();
		db.close();
	});
});
