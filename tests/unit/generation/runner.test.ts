// The runner against fake-indexeddb and a fake streamer: the database must end with exactly one
// response per (item × endpoint), whatever happens in between.
import { describe, expect, it } from 'vitest';
import { ProviderError } from '$lib/core/stream/events';
import { responseId, saveResponse } from '$lib/db/repos/responses';
import { makeEndpoint, makeResponse } from '../factories';
import { fakeStreamer, gate, steppingNow } from './fakes';
import { runner, seed, until } from './runner-fixture';
import { getItem, putItems } from '$lib/db/repos/item-pages';

describe('GenerationRunner', () => {
	it('generates every item × endpoint once and reports progress', async () => {
		const db = await seed(6);
		const fake = fakeStreamer();
		const run = runner(db, fake.streamer);
		await run.load();
		expect(run.total).toBe(12);
		expect(run.preview?.calls).toBe(12);
		await run.start();
		expect(run.state).toBe('finished');
		expect(run.done).toBe(12);
		expect(run.failed).toBe(0);
		expect(run.ratePerMinute).toBeGreaterThan(0);
		expect(fake.calls).toHaveLength(12);
		const stored = await db.responses.toArray();
		expect(stored).toHaveLength(12);
		expect(new Set(stored.map((response) => response.id)).size).toBe(12);
		expect(stored.every((response) => response.status === 'done')).toBe(true);
		expect(run.preview?.remaining).toBe(0);
	});

	it('respects the per-endpoint concurrency limit', async () => {
		const db = await seed(10);
		const fake = fakeStreamer({
			beforeToken: () => new Promise((resolve) => setTimeout(resolve, 2))
		});
		await runner(db, fake.streamer, { concurrency: 3 }).start();
		expect(fake.maxInFlight.get('ep-a')).toBe(3);
		expect(fake.maxInFlight.get('ep-b')).toBe(3);
		expect(fake.calls).toHaveLength(20);
	});

	it('resumes by skipping done responses and regenerating everything else', async () => {
		const db = await seed(4);
		const untouched = makeResponse({
			id: responseId('study-1', 'item-1', 'ep-a'),
			itemId: 'item-1',
			endpointId: 'ep-a',
			updatedAt: '2020-01-01T00:00:00.000Z'
		});
		await saveResponse(db, untouched);
		for (const [itemId, status] of [
			['item-2', 'streaming'],
			['item-3', 'error']
		] as const) {
			await saveResponse(
				db,
				makeResponse({
					id: responseId('study-1', itemId, 'ep-a'),
					itemId,
					endpointId: 'ep-a',
					status
				})
			);
		}
		const fake = fakeStreamer();
		const run = runner(db, fake.streamer);
		await run.load();
		expect(run.done).toBe(1);
		await run.start();
		expect(fake.calls).toHaveLength(7);
		expect(
			fake.calls.some(
				(call) => call.endpointId === 'ep-a' && call.messages.at(-1)?.content === 'Question 1?'
			)
		).toBe(false);
		expect(await db.responses.get(untouched.id)).toEqual(untouched);
		expect(await db.responses.count()).toBe(8);
		expect(run.done).toBe(8);
	});

	it('never generates a response twice, even when started twice at once', async () => {
		const db = await seed(5);
		const fake = fakeStreamer();
		const run = runner(db, fake.streamer);
		await Promise.all([run.start(), run.start(), run.retryFailed()]);
		expect(fake.calls).toHaveLength(10);
		await run.start();
		expect(fake.calls).toHaveLength(10);
		expect(await db.responses.count()).toBe(10);
	});

	it('resumes after a crash mid-stream: the interrupted answer is regenerated, nothing doubled', async () => {
		const db = await seed(2);
		const hold = gate();
		const crashed = fakeStreamer({
			honourAbort: false,
			beforeToken: (_, index) => (index >= 2 ? hold.promise : Promise.resolve())
		});
		const first = runner(db, crashed.streamer, { now: steppingNow(200), progressEveryMs: 250 });
		void first.start();
		await until(async () => (await db.responses.where('status').equals('streaming').count()) > 0);
		const partial = await db.responses.where('status').equals('streaming').first();
		expect(partial?.transcript.at(-1)?.content.length).toBeGreaterThan(0);

		// A new tab after the crash: the old runner is never heard from again.
		const fresh = fakeStreamer();
		const second = runner(db, fresh.streamer);
		await second.start();
		expect(second.done).toBe(4);
		expect(fresh.calls).toHaveLength(4);
		expect(await db.responses.count()).toBe(4);
	});

	it('cancel aborts in-flight answers, storing them as aborted with their partial text', async () => {
		const db = await seed(3);
		const hold = gate();
		let waiting = 0;
		const fake = fakeStreamer({
			answer: () => 'first second third fourth',
			beforeToken: (_, index) => {
				if (index < 2) return Promise.resolve();
				waiting++;
				return hold.promise;
			}
		});
		const run = runner(db, fake.streamer, { concurrency: 1 });
		const finished = run.start();
		await until(() => waiting === 2);
		run.cancel();
		hold.open();
		await finished;
		expect(run.state).toBe('cancelled');
		const stored = await db.responses.toArray();
		expect(stored).toHaveLength(2);
		for (const response of stored) {
			expect(response.status).toBe('aborted');
			expect(response.error?.kind).toBe('aborted');
			expect(response.transcript.at(-1)).toEqual({ role: 'assistant', content: 'first second ' });
		}
		expect(run.stopped).toBe(2);
		expect(fake.calls).toHaveLength(2);
	});

	it('pause sends nothing new until resumed', async () => {
		const db = await seed(4);
		const hold = gate();
		const fake = fakeStreamer({ beforeToken: () => hold.promise });
		const run = runner(db, fake.streamer, { concurrency: 1 });
		const finished = run.start();
		await until(() => fake.calls.length === 2);
		run.pause();
		hold.open();
		await until(async () => (await db.responses.where('status').equals('done').count()) === 2);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(fake.calls).toHaveLength(2);
		expect(run.state).toBe('paused');
		run.resume();
		await finished;
		expect(fake.calls).toHaveLength(8);
		expect(run.done).toBe(8);
	});

	it('retry-failed regenerates only the failed responses', async () => {
		const db = await seed(4);
		const failing = fakeStreamer({
			fail: (request) =>
				request.messages.at(-1)?.content === 'Question 2?'
					? { error: new ProviderError('bad-request', 'temperature too high', 400) }
					: undefined
		});
		const run = runner(db, failing.streamer);
		await run.start();
		expect(run.failed).toBe(2);
		expect(run.failures.map((failure) => [failure.itemNumber, failure.endpointLabel])).toEqual([
			[2, 'Alpha'],
			[2, 'Beta']
		]);
		expect(run.failures[0]?.message).toBe('temperature too high');

		const healthy = fakeStreamer();
		const retry = runner(db, healthy.streamer);
		await retry.retryFailed();
		expect(healthy.calls.map((call) => call.messages.at(-1)?.content)).toEqual([
			'Question 2?',
			'Question 2?'
		]);
		expect(retry.done).toBe(8);
		expect(retry.failures).toEqual([]);
		expect((await db.responses.get(responseId('study-1', 'item-2', 'ep-a')))?.attempts).toBe(2);
	});

	it('regenerates a stream dropped mid-answer from scratch, without splicing', async () => {
		const db = await seed(1);
		const fake = fakeStreamer({
			answer: (_, call) => `attempt ${call} words here`,
			fail: (request, call) =>
				request.endpoint.id === 'ep-a' && call < 2
					? { error: new ProviderError('network', 'dropped'), tokensBefore: 1 }
					: undefined
		});
		const run = runner(db, fake.streamer, { concurrency: 1 });
		await run.start();
		const stored = await db.responses.get(responseId('study-1', 'item-1', 'ep-a'));
		expect(stored?.status).toBe('done');
		expect(stored?.transcript.at(-1)?.content).toMatch(/^attempt \d words here$/);
		expect(stored?.attempts).toBeGreaterThanOrEqual(2);
	});

	it('goes on from the first unfinished turn when a later turn drops, keeping earlier turns', async () => {
		const db = await seed(1);
		const item = { id: 'item-1' };
		const original = await getItem(db, item.id);
		if (original) await putItems(db, [{ ...original, turns: ['T1?', 'T2?', 'T3?'] }]);
		// Each turn of ep-a drops once on its first request, like the mock server's `droponce`:
		// restarting from turn 1 every time would fail the whole answer after three attempts.
		const dropped = new Set<string>();
		const fake = fakeStreamer({
			answer: (request) => `answer to ${request.messages.at(-1)?.content ?? ''} `,
			fail: (request) => {
				const last = request.messages.at(-1)?.content ?? '';
				if (request.endpoint.id !== 'ep-a' || dropped.has(last)) return undefined;
				dropped.add(last);
				return { error: new ProviderError('network', 'dropped'), tokensBefore: 1 };
			}
		});
		const run = runner(db, fake.streamer, { concurrency: 1 });
		await run.start();
		const stored = await db.responses.get(responseId('study-1', item.id, 'ep-a'));
		expect(stored?.status).toBe('done');
		expect(stored?.attempts).toBe(4);
		expect(stored?.transcript.map((m) => m.content)).toEqual([
			'T1?',
			'answer to T1? ',
			'T2?',
			'answer to T2? ',
			'T3?',
			'answer to T3? '
		]);
		// Turn 1 was asked twice (drop, retry), never a third time.
		const askedT1 = fake.calls.filter((c) => c.endpointId === 'ep-a' && c.messages.length === 1);
		expect(askedT1).toHaveLength(2);
	});

	it('stops sending to an endpoint whose key was rejected; the other endpoint carries on', async () => {
		const db = await seed(8);
		const fake = fakeStreamer({
			fail: (request) =>
				request.endpoint.id === 'ep-a'
					? { error: new ProviderError('auth', 'rejected the API key', 401) }
					: undefined
		});
		const run = runner(db, fake.streamer, { concurrency: 2 });
		await run.start();
		expect(fake.calls.filter((call) => call.endpointId === 'ep-a').length).toBeLessThanOrEqual(2);
		expect(run.failed).toBe(8);
		expect(run.done).toBe(8);
		expect(run.failures.at(-1)?.message).toMatch(/^Not sent, because an earlier request/);
	});

	it('leaves a study another tab is generating alone, and says so', async () => {
		const db = await seed(2);
		const fake = fakeStreamer();
		const run = runner(db, fake.streamer, { exclusive: async () => false });
		await run.start();
		expect(fake.calls).toHaveLength(0);
		expect(run.state).toBe('idle');
		expect(run.problem).toMatch(/Another tab or window is generating this study/);
		// The panel re-reads the counts whenever the study changes: that keeps the reason shown.
		await run.load();
		expect(run.problem).toMatch(/Another tab or window is generating this study/);
	});

	it('forgets why the last start was refused once a new start goes ahead', async () => {
		const db = await seed(2);
		const fake = fakeStreamer();
		let busy = true;
		const run = runner(db, fake.streamer, {
			exclusive: async (_studyId, work) => {
				if (busy) return false;
				await work();
				return true;
			}
		});
		await run.start();
		expect(run.problem).toMatch(/Another tab/);
		busy = false;
		await run.start();
		expect(run.problem).toBeUndefined();
		expect(run.state).toBe('finished');
		expect(fake.calls).toHaveLength(4);
	});

	it('lets only one of two runners of a study generate at a time (like two tabs)', async () => {
		const db = await seed(3);
		// The Web Locks contract with ifAvailable: a held name is refused, not queued.
		const held = new Set<string>();
		const exclusive = async (studyId: string, work: () => Promise<void>) => {
			if (held.has(studyId)) return false;
			held.add(studyId);
			try {
				await work();
				return true;
			} finally {
				held.delete(studyId);
			}
		};
		const open = gate();
		const fake = fakeStreamer({ beforeToken: () => open.promise });
		const first = runner(db, fake.streamer, { exclusive });
		const second = runner(db, fake.streamer, { exclusive });
		const firstRun = first.start();
		await until(() => fake.calls.length > 0);
		await second.start();
		expect(second.problem).toMatch(/Another tab/);
		open.open();
		await firstRun;
		expect(first.done).toBe(6);
		expect(fake.calls).toHaveLength(6);
		expect(await db.responses.count()).toBe(6);
	});

	it('never asks an endpoint made from an imported answer file', async () => {
		const db = await seed(2, [
			makeEndpoint({ id: 'ep-a', label: 'Local', preset: 'ollama' }),
			makeEndpoint({ id: 'ep-b', label: 'harness-model', preset: 'imported' })
		]);
		const fake = fakeStreamer();
		const run = runner(db, fake.streamer, { keyFor: async () => undefined });
		await run.start();
		expect(run.state).toBe('finished');
		expect(run.problem).toBeUndefined();
		expect(fake.calls.map((call) => call.endpointId)).toEqual(['ep-a', 'ep-a']);
		expect((await db.responses.toArray()).map((response) => response.endpointId)).toEqual([
			'ep-a',
			'ep-a'
		]);
	});

	it('refuses to start without a key for a hosted endpoint that needs one', async () => {
		const db = await seed(2, [
			makeEndpoint({ id: 'ep-a', label: 'Hosted', preset: 'openai' }),
			makeEndpoint({ id: 'ep-b', label: 'Local', preset: 'ollama' })
		]);
		const fake = fakeStreamer();
		const run = runner(db, fake.streamer, { keyFor: async () => undefined });
		await run.start();
		expect(run.problem).toMatch(/No API key entered in this session for Hosted\b/);
		expect(run.problem).not.toMatch(/Local/);
		expect(fake.calls).toHaveLength(0);
		expect(run.state).toBe('idle');
	});
});
