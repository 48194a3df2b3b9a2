// The runner when the browser deletes the study under it (storage cleared mid-run).
import { describe, expect, it } from 'vitest';
import { fakeStreamer, steppingNow } from './fakes';
import { runner, seed, until } from './runner-fixture';

describe('GenerationRunner and a study that is gone', () => {
	it('stops calling the API as soon as the study is gone, and stores nothing more', async () => {
		// The browser cleared the storage mid-run: the study and its responses vanish at once.
		const db = await seed(6);
		const fake = fakeStreamer({
			answer: () => 'a long answer '.repeat(40),
			beforeToken: () => new Promise((resolve) => setTimeout(resolve, 1))
		});
		const run = runner(db, fake.streamer, { now: steppingNow(100), progressEveryMs: 250 });
		const running = run.start();
		await until(async () => (await db.responses.count()) > 0);
		await db.transaction('rw', db.studies, db.responses, async () => {
			await db.studies.clear();
			await db.responses.clear();
		});
		await running;
		expect(run.state).toBe('cancelled');
		expect(run.problem).toMatch(/no longer in this browser’s storage/);
		expect(await db.responses.count()).toBe(0);
		// The requests already streaming were stopped; none were started after.
		expect(fake.calls.length).toBeLessThanOrEqual(8);
	});
});
