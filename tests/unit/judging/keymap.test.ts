import { describe, expect, it } from 'vitest';
import { OVERALL_CHOICES, TRAIT_CHOICES } from '$lib/core/schema';
import {
	flagKey,
	interpretKey,
	keyHelp,
	overallKey,
	traitKey,
	type KeyContext
} from '$lib/judging/keymap';

const context: KeyContext = { traitCount: 2, flagCount: 5, flagPrefix: false };
const press = (
	key: string,
	extra: Partial<Parameters<typeof interpretKey>[0]> = {},
	ctx = context
) => interpretKey({ key, ...extra }, ctx);

describe('keymap', () => {
	it('gives every overall choice its own digit, and the handler agrees with the label', () => {
		const keys = OVERALL_CHOICES.map(overallKey);
		expect(new Set(keys).size).toBe(OVERALL_CHOICES.length);
		for (const choice of OVERALL_CHOICES) {
			expect(press(overallKey(choice)).action).toEqual({ type: 'overall', choice });
		}
	});

	it('maps each trait row to left, tie, right, both bad', () => {
		for (let index = 0; index < 2; index++) {
			for (const choice of TRAIT_CHOICES) {
				const key = traitKey(index, choice) ?? '';
				expect(press(key).action).toEqual({ type: 'trait', index, choice });
				expect(press(key.toUpperCase()).action).toEqual({ type: 'trait', index, choice });
			}
		}
		// A third row does nothing when the item has two traits.
		expect(press('z').action).toBeUndefined();
	});

	it('toggles flags with m then a digit, left 1–5 and right 6–0', () => {
		const prefix = press('m');
		expect(prefix).toEqual({ flagPrefix: true });
		const withPrefix = { ...context, flagPrefix: true };
		expect(press('2', {}, withPrefix).action).toEqual({ type: 'flag', side: 'left', index: 1 });
		expect(press('0', {}, withPrefix).action).toEqual({ type: 'flag', side: 'right', index: 4 });
		expect(flagKey('left', 1)).toBe('m 2');
		expect(flagKey('right', 4)).toBe('m 0');
		// After the prefix a digit is a flag, not an overall vote; anything else cancels it.
		expect(press('x', {}, withPrefix)).toEqual({ flagPrefix: false });
		expect(press('7', {}, { ...withPrefix, flagCount: 2 }).action).toEqual({
			type: 'flag',
			side: 'right',
			index: 1
		});
		expect(press('8', {}, { ...withPrefix, flagCount: 2 }).action).toBeUndefined();
	});

	it('submits on Enter unless a button has focus, and on Ctrl+Enter in a text box', () => {
		expect(press('Enter').action).toEqual({ type: 'submit' });
		expect(press('Enter', { onActivatable: true }).action).toBeUndefined();
		expect(press('Enter', { inTextField: true }).action).toBeUndefined();
		expect(press('Enter', { inTextField: true, ctrlKey: true }).action).toEqual({
			type: 'submit'
		});
	});

	it('leaves typing alone in text boxes, except Escape', () => {
		for (const key of ['1', 'q', 'u', 'p', '?']) {
			expect(press(key, { inTextField: true }).action).toBeUndefined();
		}
		expect(press('Escape', { inTextField: true }).action).toEqual({ type: 'cancel' });
	});

	it('has keys for undo, skip, rationale and help, and ignores browser shortcuts', () => {
		expect(press('u').action).toEqual({ type: 'undo' });
		expect(press('p').action).toEqual({ type: 'skip' });
		expect(press('n').action).toEqual({ type: 'note' });
		expect(press('?').action).toEqual({ type: 'help' });
		expect(press('r', { ctrlKey: true }).action).toBeUndefined();
		expect(press('1', { altKey: true }).action).toBeUndefined();
	});

	it('uses no key for two things', () => {
		const letters = ['u', 'p', 'n', 'm', '?'];
		const traitKeys = [0, 1, 2, 3, 4, 5].flatMap((index) =>
			TRAIT_CHOICES.map((choice) => traitKey(index, choice))
		);
		const all = [...letters, ...traitKeys, ...OVERALL_CHOICES.map(overallKey)];
		expect(new Set(all).size).toBe(all.length);
		// Six rows: every built-in trait keeps its own keys for a whole study.
		expect(traitKeys.every((key) => key !== undefined)).toBe(true);
		expect(keyHelp().length).toBeGreaterThan(5);
	});
});
