import { describe, expect, it } from 'vitest';
import {
	ArenaEntry,
	defaultStudyId,
	LAST_STUDY_SETTING,
	RATER_SETTING,
	raterIdProblem
} from '$lib/judging/arena-start.svelte';
import { DEMO_STUDY_ID } from '$lib/demo/seed-demo';
import { getSetting } from '$lib/db/repos/settings';
import { testDb } from '../db/test-db';

describe('rater id', () => {
	it('accepts pseudonyms and refuses e-mail addresses, spaces and empty ids', () => {
		expect(raterIdProblem('rater-07')).toBeUndefined();
		expect(raterIdProblem('  ada.l_1 ')).toBeUndefined();
		expect(raterIdProblem('ada@example.org')).toMatch(/e-mail/);
		expect(raterIdProblem('Ada Lovelace')).toMatch(/no spaces/);
		expect(raterIdProblem('')).toMatch(/Enter a rater ID/);
		expect(raterIdProblem('x'.repeat(65))).toMatch(/64/);
	});
});

describe('defaultStudyId', () => {
	const studies = [{ id: 'newest' }, { id: DEMO_STUDY_ID }];
	it('prefers the last study, then the demo, then the newest', () => {
		expect(defaultStudyId(studies, 'newest')).toBe('newest');
		expect(defaultStudyId(studies, 'deleted')).toBe(DEMO_STUDY_ID);
		expect(defaultStudyId([{ id: 'only' }], undefined)).toBe('only');
		expect(defaultStudyId([], undefined)).toBeUndefined();
	});
});

describe('ArenaEntry', () => {
	it('installs the demo on load and remembers the rater and study on this device', async () => {
		const db = testDb();
		const visited: string[] = [];
		const entry = new ArenaEntry(
			() => db,
			(hash) => visited.push(hash)
		);
		await entry.load();
		expect(entry.ready).toBe(true);
		expect(entry.raterId).toBeUndefined();
		expect(await db.studies.get(DEMO_STUDY_ID)).toBeDefined();

		expect(await entry.begin('ada@example.org', DEMO_STUDY_ID)).toBe(false);
		expect(entry.error).toMatch(/e-mail/);
		expect(visited).toEqual([]);

		expect(await entry.begin(' rater-07 ', DEMO_STUDY_ID)).toBe(true);
		expect(visited).toEqual([`#/arena/${DEMO_STUDY_ID}`]);
		expect(await getSetting(db, RATER_SETTING, '')).toBe('rater-07');
		expect(await getSetting(db, LAST_STUDY_SETTING, '')).toBe(DEMO_STUDY_ID);

		const later = new ArenaEntry(() => db);
		await later.load();
		expect(later.raterId).toBe('rater-07');
		expect(later.lastStudyId).toBe(DEMO_STUDY_ID);
	});
});
