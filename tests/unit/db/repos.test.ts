import { describe, expect, it } from 'vitest';
import { deleteEndpoint, saveEndpoint } from '$lib/db/repos/endpoints';
import { forgetAllKeys, loadRememberedKeys, rememberKey } from '$lib/db/repos/keys';
import { addPromptSet } from '$lib/db/repos/prompts';
import { createStudy, trialsOfStudy } from '$lib/db/repos/studies';
import {
	commitJudgment,
	draftKey,
	parseStoredDraft,
	saveDraft,
	StudyGoneError,
	undoLastJudgment,
	VerdictExistsError
} from '$lib/db/repos/judgments';
import { promptContentHash } from '$lib/core/content-hash';
import {
	makeEndpoint,
	makeItem,
	makeJudgment,
	makePromptSet,
	makeStudy,
	makeTrial,
	T0
} from '../factories';
import { freshIndexedDb, testDb } from './test-db';
import { countItems } from '$lib/db/repos/item-pages';

describe('repositories', () => {
	it('writes, reads and survives re-opening the database', async () => {
		const deps = freshIndexedDb();
		const db = testDb(deps, 'reopen');
		await saveEndpoint(db, makeEndpoint());
		await db.studies.put(makeStudy());
		await commitJudgment(db, makeJudgment());
		db.close();
		const again = testDb(deps, 'reopen');
		expect(await again.endpoints.get('ep-baseline')).toEqual(makeEndpoint());
		expect(await again.judgments.get('judgment-1')).toEqual(makeJudgment());
	});

	it('rejects an invalid endpoint and stores nothing', async () => {
		const db = testDb();
		await expect(saveEndpoint(db, makeEndpoint({ baseURL: 'nope' }))).rejects.toThrow(/baseURL/);
		expect(await db.endpoints.count()).toBe(0);
	});

	it('deleting an endpoint forgets its key in the same transaction', async () => {
		const db = testDb();
		await saveEndpoint(db, makeEndpoint());
		await rememberKey(db, 'ep-baseline', 'sk-test-123456');
		await deleteEndpoint(db, 'ep-baseline');
		expect(await loadRememberedKeys(db)).toEqual(new Map());
	});

	it('forgets all keys', async () => {
		const db = testDb();
		await rememberKey(db, 'a', 'sk-a-123456');
		await rememberKey(db, 'b', 'sk-b-123456');
		await forgetAllKeys(db);
		expect(await db.keys.count()).toBe(0);
	});

	it('adds a prompt set all-or-nothing and skips duplicate content', async () => {
		const db = testDb();
		const items = [
			makeItem({ id: 'a' }),
			makeItem({ id: 'b', turns: ['Another question'] }),
			makeItem({ id: 'c' })
		];
		items[1] = {
			...items[1],
			contentHash: promptContentHash({ turns: ['Another question'] })
		} as (typeof items)[1];
		expect(await addPromptSet(db, makePromptSet(), items)).toEqual({ added: 2, duplicates: 1 });
		expect(await addPromptSet(db, makePromptSet(), items)).toEqual({ added: 0, duplicates: 3 });

		// Two items with the same id make bulkAdd fail: the set must not be written either.
		const clash = [
			makeItem({ id: 'x', turns: ['q1'], contentHash: 'h1' }),
			makeItem({ id: 'x', turns: ['q2'], contentHash: 'h2' })
		];
		await expect(addPromptSet(db, makePromptSet({ id: 'set-2' }), clash)).rejects.toThrow();
		expect(await db.promptSets.get('set-2')).toBeUndefined();
		expect(await countItems(db)).toBe(2);
	});

	it('creates a study with its trials in order', async () => {
		const db = testDb();
		await createStudy(db, makeStudy(), [
			makeTrial({ id: 't2', position: 1 }),
			makeTrial({ id: 't1', position: 0 })
		]);
		expect((await trialsOfStudy(db, 'study-1')).map((trial) => trial.id)).toEqual(['t1', 't2']);
	});

	it('commits a judgment and clears the draft atomically; undo brings back the last one', async () => {
		const db = testDb();
		await db.studies.put(makeStudy());
		const key = draftKey('study-1', 'rater-ada');
		await saveDraft(db, {
			key,
			trialId: 'trial-1',
			overall: 'tie',
			traitChoices: {},
			flags: { left: [], right: [] },
			rationale: 'half',
			startedAt: T0,
			updatedAt: T0
		});
		expect((await parseStoredDraft(await db.drafts.get(key)))?.rationale).toBe('half');
		await commitJudgment(db, makeJudgment({ id: 'j1', createdAt: '2026-11-23T10:00:01.000Z' }));
		expect(await parseStoredDraft(await db.drafts.get(key))).toBeUndefined();
		await commitJudgment(
			db,
			makeJudgment({ id: 'j2', trialId: 'trial-2', createdAt: '2026-11-23T10:00:02.000Z' })
		);
		expect((await undoLastJudgment(db, 'study-1', 'rater-ada'))?.id).toBe('j2');
		expect((await db.judgments.toArray()).map((judgment) => judgment.id)).toEqual(['j1']);
	});

	it('holds one verdict per trial and rater: a second is refused, an edit replaces, undo frees', async () => {
		const db = testDb();
		await db.studies.put(makeStudy());
		const first = makeJudgment({ id: 'j1', overall: 'left-better' });
		await commitJudgment(db, first);
		// Another tab of the same rater commits its own verdict for the same trial.
		const second = makeJudgment({ id: 'j2', overall: 'right-better' });
		await expect(commitJudgment(db, second)).rejects.toBeInstanceOf(VerdictExistsError);
		await expect(commitJudgment(db, second)).rejects.toMatchObject({ existing: first });
		expect((await db.judgments.toArray()).map((judgment) => judgment.id)).toEqual(['j1']);
		// Another rater, or the same rater on another trial, is a verdict of its own.
		await commitJudgment(db, makeJudgment({ id: 'j3', raterId: 'rater-bo' }));
		await commitJudgment(db, makeJudgment({ id: 'j4', trialId: 'trial-2' }));
		// An edit keeps the judgment's id and replaces it.
		await commitJudgment(db, { ...first, overall: 'tie' });
		expect((await db.judgments.get('j1'))?.overall).toBe('tie');
		// After an undo the trial is open again for a new verdict.
		await db.judgments.delete('j4');
		expect((await undoLastJudgment(db, 'study-1', 'rater-ada'))?.id).toBe('j1');
		await commitJudgment(db, second);
		expect((await db.judgments.get('j2'))?.overall).toBe('right-better');
	});

	it('refuses a judgment for a study that is gone, and writes nothing', async () => {
		const db = testDb();
		await expect(commitJudgment(db, makeJudgment())).rejects.toBeInstanceOf(StudyGoneError);
		expect(await db.judgments.count()).toBe(0);
	});

	it('refuses an invalid judgment without writing, and keeps the draft', async () => {
		const db = testDb();
		await db.studies.put(makeStudy());
		const key = draftKey('study-1', 'rater-ada');
		const draft = {
			key,
			trialId: 'trial-1',
			overall: 'tie' as const,
			traitChoices: {},
			flags: { left: [], right: [] },
			rationale: 'half',
			startedAt: T0,
			updatedAt: T0
		};
		await saveDraft(db, draft);
		await expect(commitJudgment(db, makeJudgment({ decisionMs: -1 }))).rejects.toThrow(
			/decisionMs/
		);
		await expect(
			commitJudgment(db, makeJudgment({ overall: 'left-better', skipReason: 'unclear' }))
		).rejects.toThrow(/either an overall choice or a skip reason/);
		expect(await db.judgments.count()).toBe(0);
		expect(await parseStoredDraft(await db.drafts.get(key))).toEqual(draft);
	});

	it('refuses an invalid draft without writing, and drops a stored one that no longer parses', async () => {
		const db = testDb();
		const key = draftKey('study-1', 'rater-ada');
		await expect(
			saveDraft(db, {
				key,
				trialId: '',
				overall: null,
				traitChoices: {},
				flags: { left: [], right: [] },
				rationale: '',
				startedAt: T0,
				updatedAt: T0
			})
		).rejects.toThrow(/trialId/);
		expect(await db.drafts.count()).toBe(0);
		await db.drafts.put({ key, trialId: 'trial-1', overall: 'best' } as never);
		expect(await parseStoredDraft(await db.drafts.get(key))).toBeUndefined();
	});
});
