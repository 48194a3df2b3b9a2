import { describe, expect, it } from 'vitest';
import { KeyVault } from '$lib/providers/key-vault.svelte';
import { freshIndexedDb, testDb } from '../db/test-db';

describe('KeyVault', () => {
	it('keeps keys in memory only, unless remembered on this device', async () => {
		const deps = freshIndexedDb();
		const db = testDb(deps, 'vault');
		const vault = new KeyVault(() => db);
		await vault.set('ep-a', '  sk-session-111111  ', false);
		await vault.set('ep-b', 'sk-remembered-222222', true);
		expect(await vault.get('ep-a')).toBe('sk-session-111111');
		expect(vault.status('ep-a')).toBe('session');
		expect(vault.status('ep-b')).toBe('remembered');
		expect((await db.keys.toArray()).map((record) => record.endpointId)).toEqual(['ep-b']);

		const afterReload = new KeyVault(() => testDb(deps, 'vault'));
		expect(await afterReload.get('ep-a')).toBeUndefined();
		expect(await afterReload.get('ep-b')).toBe('sk-remembered-222222');
		expect(afterReload.status('ep-b')).toBe('remembered');
	});

	it('un-ticking "remember" deletes the stored copy but keeps the session key', async () => {
		const db = testDb();
		const vault = new KeyVault(() => db);
		await vault.set('ep-a', 'sk-abcdefgh', true);
		await vault.setRemember('ep-a', false);
		expect(await db.keys.count()).toBe(0);
		expect(await vault.get('ep-a')).toBe('sk-abcdefgh');
		expect(vault.status('ep-a')).toBe('session');
	});

	it('an empty key removes the key; forgetAll clears memory and storage', async () => {
		const db = testDb();
		const vault = new KeyVault(() => db);
		await vault.set('ep-a', 'sk-aaaaaaaa', true);
		await vault.set('ep-a', '   ', true);
		expect(vault.status('ep-a')).toBe('none');
		await vault.set('ep-a', 'sk-aaaaaaaa', true);
		await vault.set('ep-b', 'sk-bbbbbbbb', false);
		await vault.forgetAll();
		expect(await vault.get('ep-a')).toBeUndefined();
		expect(await vault.get('ep-b')).toBeUndefined();
		expect(await db.keys.count()).toBe(0);
	});
});
