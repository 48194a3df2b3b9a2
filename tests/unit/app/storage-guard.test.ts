// Storage loss is never silent: the guard keeps counts of the user's data outside IndexedDB and,
// when the database turns out empty while they say otherwise, reports the loss instead of letting
// the app start over.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import { MARKER_KEY, StorageGuard } from '$lib/app/storage-guard.svelte';
import { seedDemo } from '$lib/demo/seed-demo';
import { makeEndpoint, makeJudgment, makeStudy } from '../factories';
import { freshIndexedDb, testDb } from '../db/test-db';

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		removeItem: (key: string) => void items.delete(key),
		items
	};
}

const NOW = fixedClock('2026-11-30T12:00:00.000Z');
const until = async (condition: () => boolean) => {
	for (let tries = 0; tries < 200 && !condition(); tries++)
		await new Promise((resolve) => setTimeout(resolve, 5));
	expect(condition()).toBe(true);
};

describe('storage guard', () => {
	it('remembers the user’s data outside the database as it is written', async () => {
		const db = testDb();
		const storage = memoryStorage();
		const guard = new StorageGuard({ db: () => db, storage, clock: NOW });
		await guard.check();
		expect(guard.state).toBe('ok');
		expect(storage.items.has(MARKER_KEY)).toBe(false);
		// The built-in demo is not the user's data: losing it loses nothing.
		await seedDemo(db);
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(storage.items.has(MARKER_KEY)).toBe(false);
		await db.studies.put(makeStudy());
		await db.endpoints.put(makeEndpoint());
		await db.judgments.put(makeJudgment());
		await until(() => JSON.parse(storage.getItem(MARKER_KEY) ?? '{}').judgments === 1);
		expect(JSON.parse(storage.getItem(MARKER_KEY) ?? '')).toEqual({
			studies: 1,
			judgments: 1,
			endpoints: 1,
			seenAt: '2026-11-30T12:00:00.000Z'
		});
		guard.dispose();
	});

	it('says what was lost when the browser deleted the database, and starts afresh only when told', async () => {
		const deps = freshIndexedDb();
		const storage = memoryStorage();
		const before = testDb(deps, 'deleted');
		const first = new StorageGuard({ db: () => before, storage, clock: NOW });
		await first.check();
		await before.studies.put(makeStudy());
		await before.judgments.bulkPut([makeJudgment(), makeJudgment({ id: 'j2', trialId: 't2' })]);
		await until(() => JSON.parse(storage.getItem(MARKER_KEY) ?? '{}').judgments === 2);
		first.dispose();
		// The browser deletes the origin's database; the marker, outside it, remains.
		await before.delete();
		const after = testDb(deps, 'deleted');
		const guard = new StorageGuard({ db: () => after, storage, clock: NOW });
		await guard.check();
		expect(guard.state).toBe('lost');
		expect(guard.lost).toMatchObject({ studies: 1, judgments: 2, endpoints: 0 });
		// Still lost at the next start: nothing has been written over it.
		const again = new StorageGuard({ db: () => after, storage, clock: NOW });
		await again.check();
		expect(again.state).toBe('lost');
		guard.acknowledge();
		expect(guard.state).toBe('ok');
		expect(storage.items.has(MARKER_KEY)).toBe(false);
		guard.dispose();
	});

	it('reports a database that still holds data as fine, even after the user deleted some', async () => {
		const db = testDb();
		const storage = memoryStorage();
		storage.setItem(MARKER_KEY, JSON.stringify({ studies: 5, judgments: 900, endpoints: 2 }));
		await db.endpoints.put(makeEndpoint());
		const guard = new StorageGuard({ db: () => db, storage, clock: NOW });
		await guard.check();
		expect(guard.state).toBe('ok');
		expect(JSON.parse(storage.getItem(MARKER_KEY) ?? '')).toMatchObject({
			studies: 0,
			endpoints: 1
		});
		guard.dispose();
	});

	it('asks for persistent storage and warns early when space runs low', async () => {
		const db = testDb();
		const asked: string[] = [];
		const guard = new StorageGuard({
			db: () => db,
			storage: memoryStorage(),
			manager: {
				persisted: async () => (asked.push('persisted'), false),
				persist: async () => (asked.push('persist'), true),
				estimate: async () => ({ quota: 2_000_000_000, usage: 1_850_000_000 })
			}
		});
		expect(await guard.requestPersistence()).toBe(true);
		expect(asked).toEqual(['persisted', 'persist']);
		await guard.refreshSpace();
		expect(guard.freeBytes).toBe(150_000_000);
		expect(guard.lowSpace).toBe(true);
	});
});
