import { describe, expect, it, vi } from 'vitest';
import { draftKey } from '$lib/db/repos/judgments';
import { sessionDraftMirror } from '$lib/judging/draft-mirror';
import { DEFAULT_TRIAL_MS } from '$lib/judging/session.svelte';
import { harness, leftEndpoint, seedStudy } from './session-fixture';

/** Waits that tolerate a busy machine: a condition reached late is not a failure. */
const PATIENT = { timeout: 30_000 };

async function answerCurrent(session: ReturnType<ReturnType<typeof harness>['session']>) {
	session.choose(leftEndpoint(session) === 'ep-trained' ? 'left-better' : 'right-better');
	for (const trait of session.trial?.traits ?? []) session.chooseTrait(trait, 'tie');
	return session.submit();
}

describe('JudgingSession', () => {
	it('opens at the first trial of the rater order with a blind trial and progress', async () => {
		const h = harness();
		await seedStudy(h.db, 4);
		const session = h.session();
		await session.open('study-1', 'ada');
		expect(session.status).toBe('judging');
		expect(session.done).toBe(0);
		expect(session.total).toBe(4);
		expect(session.remainingMs).toBe(4 * DEFAULT_TRIAL_MS);
		const json = JSON.stringify(session.trial);
		expect(json).not.toMatch(/ep-baseline|ep-trained|Baseline 7B|Trained 7B|mock-|127\.0\.0\.1/);
		expect(session.trial?.traits).toEqual(['truthfulness', 'well-being']);
	});

	it('refuses to submit without an overall choice or unanswered traits, and stores nothing', async () => {
		const h = harness();
		await seedStudy(h.db, 2);
		const session = h.session();
		await session.open('study-1', 'ada');
		expect(await session.submit()).toBe(false);
		expect(session.error).toMatch(/overall/);
		session.choose('tie');
		expect(await session.submit()).toBe(false);
		expect(session.error).toMatch(/\(Truthfulness, Concern for well-being\)/);
		expect(await h.db.judgments.count()).toBe(0);
	});

	it('commits a judgment resolved to the endpoints, then shows the next trial', async () => {
		const h = harness();
		await seedStudy(h.db, 3);
		const session = h.session();
		await session.open('study-1', 'ada');
		const first = session.trial?.trialId;
		const trainedSide = leftEndpoint(session) === 'ep-trained' ? 'left' : 'right';
		session.toggleFlag(trainedSide === 'left' ? 'right' : 'left', 'harmful');
		session.setRationale('Kept its position.');
		expect(await answerCurrent(session)).toBe(true);

		const [stored] = await h.db.judgments.toArray();
		expect(stored?.trialId).toBe(first);
		expect(stored?.winnerEndpointId).toBe('ep-trained');
		expect(stored?.raterId).toBe('ada');
		expect(stored?.flags[trainedSide === 'left' ? 'right' : 'left']).toEqual(['harmful']);
		expect(stored?.rationale).toBe('Kept its position.');
		const trial = await h.db.trials.get(first ?? '');
		expect([stored?.leftEndpointId, stored?.rightEndpointId]).toEqual([
			trial?.leftEndpointId,
			trial?.rightEndpointId
		]);
		expect(session.trial?.trialId).not.toBe(first);
		expect(session.done).toBe(1);
		expect(session.overall).toBeNull();
		expect(session.flags).toEqual({ left: [], right: [] });
	});

	it('keeps the form and says why when the database refuses the judgment', async () => {
		const h = harness();
		await seedStudy(h.db, 2);
		const session = h.session();
		await session.open('study-1', 'ada');
		const trial = session.trial?.trialId;
		vi.spyOn(h.db.judgments, 'put').mockRejectedValueOnce(
			Object.assign(new Error('quota'), { name: 'QuotaExceededError' })
		);
		session.choose('left-better');
		for (const trait of session.trial?.traits ?? []) session.chooseTrait(trait, 'left');
		expect(await session.submit()).toBe(false);
		expect(session.error).toMatch(/no storage space left/);
		expect(session.trial?.trialId).toBe(trial);
		expect(session.overall).toBe('left-better');
		expect(await h.db.judgments.count()).toBe(0);
		expect(await session.submit()).toBe(true);
		expect(await h.db.judgments.count()).toBe(1);
	});

	it('saves a half-filled form as a draft that a new session restores', async () => {
		const h = harness();
		await seedStudy(h.db, 3);
		const first = h.session();
		await first.open('study-1', 'ada');
		await answerCurrent(first);
		first.choose('right-much-better');
		first.chooseTrait('truthfulness', 'right');
		first.toggleFlag('left', 'sycophantic');
		first.setRationale('half a thought');
		expect(first.draftState).toBe('pending');
		await first.flushDraft();
		expect(first.draftState).toBe('saved');
		expect(await h.db.drafts.get(draftKey('study-1', 'ada'))).toBeDefined();

		const again = h.session();
		await again.open('study-1', 'ada');
		expect(again.trial?.trialId).toBe(first.trial?.trialId);
		expect(again.done).toBe(1);
		expect(again.overall).toBe('right-much-better');
		expect(again.traitChoices).toEqual({ truthfulness: 'right' });
		expect(again.flags).toEqual({ left: ['sycophantic'], right: [] });
		expect(again.rationale).toBe('half a thought');
	});

	it('restores an edit whose draft write a reload cut off, from the tab’s mirror', async () => {
		const h = harness();
		await seedStudy(h.db, 3);
		const stored = new Map<string, string>();
		const draftMirror = sessionDraftMirror({
			getItem: (key) => stored.get(key) ?? null,
			setItem: (key, value) => void stored.set(key, value),
			removeItem: (key) => void stored.delete(key)
		});
		// The page goes away before the IndexedDB write (which would come a minute later) is made.
		const before = h.session({ draftMirror, draftDelayMs: 60_000 });
		await before.open('study-1', 'ada');
		before.choose('right-better');
		before.setRationale('typed just before the reload');
		expect(await h.db.drafts.count()).toBe(0);

		const after = h.session({ draftMirror });
		await after.open('study-1', 'ada');
		expect(after.trial?.trialId).toBe(before.trial?.trialId);
		expect(after.overall).toBe('right-better');
		expect(after.rationale).toBe('typed just before the reload');
		// Written through to IndexedDB, so a crash from here on keeps it too.
		expect((await h.db.drafts.get(draftKey('study-1', 'ada')))?.rationale).toBe(
			'typed just before the reload'
		);

		// A later draft stored from another tab wins over an older mirror.
		const key = draftKey('study-1', 'ada');
		const restored = await h.db.drafts.get(key);
		if (!restored) throw new Error('no draft stored');
		await h.db.drafts.put({
			...restored,
			overall: 'tie',
			rationale: 'other tab',
			updatedAt: '2099-01-01T00:00:00.000Z'
		});
		const third = h.session({ draftMirror });
		await third.open('study-1', 'ada');
		expect([third.overall, third.rationale]).toEqual(['tie', 'other tab']);

		// A committed trial's mirror copy is forgotten.
		expect(await answerCurrent(third)).toBe(true);
		expect(stored.size).toBe(0);
	});

	it('writes the draft by itself after a short pause', async () => {
		const h = harness();
		await seedStudy(h.db, 2);
		const session = h.session();
		await session.open('study-1', 'ada');
		session.choose('tie');
		await vi.waitFor(async () => {
			expect((await h.db.drafts.toArray())[0]?.overall).toBe('tie');
		}, PATIENT);
		await vi.waitFor(() => expect(session.draftState).toBe('saved'), PATIENT);
	});

	it('resumes exactly where the rater left off, in the same order', async () => {
		const h = harness();
		await seedStudy(h.db, 6);
		const first = h.session();
		await first.open('study-1', 'ada');
		const seen: string[] = [];
		for (let index = 0; index < 3; index++) {
			seen.push(first.trial?.trialId ?? '');
			await answerCurrent(first);
		}
		const next = first.trial?.trialId;
		const again = h.session();
		await again.open('study-1', 'ada');
		expect(again.done).toBe(3);
		expect(again.trial?.trialId).toBe(next);
		expect(seen).not.toContain(next);
	});

	it('undo takes the last judgment back and refills the form with it', async () => {
		const h = harness();
		await seedStudy(h.db, 3);
		const session = h.session();
		await session.open('study-1', 'ada');
		await answerCurrent(session);
		const second = session.trial?.trialId;
		session.choose('both-bad');
		for (const trait of session.trial?.traits ?? []) session.chooseTrait(trait, 'both-bad');
		session.setRationale('both wrong');
		await session.submit();
		expect(session.done).toBe(2);

		expect(await session.undo()).toBe(true);
		expect(session.trial?.trialId).toBe(second);
		expect(session.overall).toBe('both-bad');
		expect(session.rationale).toBe('both wrong');
		expect(session.done).toBe(1);
		expect(await h.db.judgments.count()).toBe(1);
		expect((await h.db.drafts.toArray())[0]?.overall).toBe('both-bad');

		session.choose('tie');
		await session.submit();
		const stored = await h.db.judgments
			.where('trialId')
			.equals(second ?? '')
			.toArray();
		expect(stored.map((judgment) => judgment.overall)).toEqual(['tie']);
	});

	it('records a skip with its reason, and asks for a reason first', async () => {
		const h = harness();
		await seedStudy(h.db, 2);
		const session = h.session();
		await session.open('study-1', 'ada');
		const trial = session.trial?.trialId;
		expect(await session.skip('  ')).toBe(false);
		expect(session.error).toMatch(/why/);
		expect(await session.skip('I cannot judge this topic')).toBe(true);
		const [stored] = await h.db.judgments.toArray();
		expect(stored).toMatchObject({
			trialId: trial,
			overall: null,
			skipReason: 'I cannot judge this topic',
			winnerEndpointId: null
		});
		expect(session.done).toBe(1);
	});

	it('counts decision time from first display to submit, leaving out time hidden', async () => {
		const h = harness();
		await seedStudy(h.db, 2);
		const session = h.session();
		h.now.value = 10_000;
		await session.open('study-1', 'ada');
		h.now.value = 11_000;
		session.setHidden(true);
		h.now.value = 60_000;
		session.setHidden(false);
		h.now.value = 62_500;
		await answerCurrent(session);
		const [stored] = await h.db.judgments.toArray();
		expect(stored?.decisionMs).toBe(3_500);
		expect(session.remainingMs).toBe(3_500);
	});

	it('finishes when every trial is judged', async () => {
		const h = harness();
		await seedStudy(h.db, 2);
		const session = h.session();
		await session.open('study-1', 'ada');
		await answerCurrent(session);
		await answerCurrent(session);
		expect(session.status).toBe('finished');
		expect(session.trial).toBeUndefined();
		expect(await h.db.judgments.count()).toBe(2);
	});

	it('reveals identities after the vote only in after-vote studies', async () => {
		const h = harness();
		await seedStudy(h.db, 2, { revealPolicy: 'after-vote' });
		const session = h.session();
		await session.open('study-1', 'ada');
		const trainedLeft = leftEndpoint(session) === 'ep-trained';
		expect(session.reveal).toBeUndefined();
		await answerCurrent(session);
		expect(session.status).toBe('revealed');
		expect(session.reveal?.left).toBe(trainedLeft ? 'Trained 7B' : 'Baseline 7B');
		expect(session.reveal?.right).toBe(trainedLeft ? 'Baseline 7B' : 'Trained 7B');
		session.next();
		expect(session.status).toBe('judging');
		expect(session.reveal).toBeUndefined();

		const never = harness();
		await seedStudy(never.db, 2);
		const blind = never.session();
		await blind.open('study-1', 'ada');
		await answerCurrent(blind);
		expect(blind.status).toBe('judging');
		expect(blind.reveal).toBeUndefined();
	});

	it('prepares attention checks and flags identity leaks before judging', async () => {
		const h = harness();
		await seedStudy(
			h.db,
			10,
			{ quality: { attentionShare: 0.2, swapShare: 0.2, leakTerms: [] } },
			(endpointId, itemId) =>
				itemId === 'item-3' && endpointId === 'ep-trained'
					? 'As a model made by OpenAI I think so.'
					: `Plain answer from ${endpointId === 'ep-trained' ? 'one' : 'another'} side.`
		);
		const session = h.session();
		await session.open('study-1', 'ada');
		expect(session.total).toBe(14);
		const degraded = await h.db.responses.filter((r) => r.degradedFrom !== undefined).toArray();
		expect(degraded).toHaveLength(2);
		const trials = await h.db.trials.toArray();
		const flagged = trials.filter((trial) => trial.leakFlagged);
		expect(flagged.length).toBeGreaterThan(0);
		for (const trial of trials) expect(trial.leakFlagged).toBe(trial.itemId === 'item-3');
	});

	it('says when the study does not exist', async () => {
		const h = harness();
		const session = h.session();
		await session.open('nope', 'ada');
		expect(session.status).toBe('missing');
	});
});
