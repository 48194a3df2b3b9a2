// Naming a set saved from a selection and building its record: pure rules, no database.
import { describe, expect, it } from 'vitest';
import {
	belongsTo,
	checkSetName,
	selectionSet,
	setNameKey,
	standaloneSet
} from '$lib/core/prompt-selection';
import { MAX_SET_MEMBERS } from '$lib/core/schema';
import { T0, makeItem, makePromptSet } from '../factories';

const existing = [makePromptSet({ name: 'Built-in suite' }), makePromptSet({ name: 'Pilot A' })];

describe('checkSetName', () => {
	it('trims the name and accepts one no set has', () => {
		expect(checkSetName('  Steer arms  ', existing)).toEqual({ ok: true, name: 'Steer arms' });
	});

	it('refuses an empty or blank name', () => {
		expect(checkSetName('   ', existing)).toEqual({
			ok: false,
			message: 'Give the new set a name.'
		});
	});

	it('names the set a clashing name belongs to, ignoring case and spacing', () => {
		const check = checkSetName(' pilot   a ', existing);
		expect(check.ok).toBe(false);
		expect(!check.ok && check.message).toContain('“Pilot A” already exists');
		expect(setNameKey(' pilot   a ')).toBe(setNameKey('Pilot A'));
	});

	it('refuses a name over 200 characters', () => {
		const check = checkSetName('x'.repeat(201), []);
		expect(!check.ok && check.message).toMatch(/under 200 characters/);
	});
});

describe('selectionSet', () => {
	it('lists each selected item once, in the order selected', () => {
		const set = selectionSet({
			id: 's',
			name: ' Mine ',
			memberIds: ['b', 'a', 'b'],
			createdAt: T0
		});
		expect(set).toMatchObject({ id: 's', name: 'Mine', origin: 'custom', memberIds: ['b', 'a'] });
	});

	it('refuses an empty selection', () => {
		expect(() => selectionSet({ id: 's', name: 'Mine', memberIds: [], createdAt: T0 })).toThrow(
			/selection is empty/
		);
	});

	it('refuses more members than a set can list', () => {
		const ids = Array.from({ length: MAX_SET_MEMBERS + 1 }, (_, n) => `i${n}`);
		expect(() => selectionSet({ id: 's', name: 'Big', memberIds: ids, createdAt: T0 })).toThrow(
			/at most 200,000 items/
		);
	});
});

describe('membership', () => {
	it('counts an item as belonging to its own set and to every set listing it', () => {
		const item = makeItem({ id: 'i1', setId: 'home' });
		expect(belongsTo(item, 'home', new Set())).toBe(true);
		expect(belongsTo(item, 'picked', new Set(['i1']))).toBe(true);
		expect(belongsTo(item, 'picked', new Set(['i2']))).toBe(false);
	});

	it('exports a saved selection as an ordinary self-contained set', () => {
		const set = makePromptSet({ id: 'picked', memberIds: ['i1'] });
		const file = standaloneSet(set, [makeItem({ id: 'i1', setId: 'home' })]);
		expect(file.set).not.toHaveProperty('memberIds');
		expect(file.items.map((item) => item.setId)).toEqual(['picked']);
	});
});
