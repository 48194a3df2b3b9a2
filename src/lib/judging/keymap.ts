// Raters work for an hour at a time, so every choice has a key, shown on its control. The mapping
// is a pure function of the key pressed and a little state (the `m` flag prefix), so the view only
// forwards key events and the table can be tested without a browser. Layout: overall on the digit
// row; one row of letters per trait question (left, tie, right, both bad), read like the scale,
// fixed per study (a trait keeps its row in every trial, see studyTraits);
// flags as `m` then a digit (1–5 left side, 6–0 right side); single letters for actions.
import type { OverallChoice, Side, TraitChoice } from '$lib/core/schema';

export const OVERALL_KEYS: Record<OverallChoice, string> = {
	'left-much-better': '1',
	'left-better': '2',
	tie: '3',
	'right-better': '4',
	'right-much-better': '5',
	'both-bad': '0'
};

/** What each overall choice is called on its control (judging view and live arena alike). */
export const OVERALL_LABELS: Record<OverallChoice, string> = {
	'left-much-better': 'Left much better',
	'left-better': 'Left better',
	tie: 'Tie',
	'right-better': 'Right better',
	'right-much-better': 'Right much better',
	'both-bad': 'Both bad'
};

/** One row per trait question, in the order left, tie, right, both bad. */
export const TRAIT_ROWS: readonly (readonly [string, string, string, string])[] = [
	['q', 'w', 'e', 'r'],
	['a', 's', 'd', 'f'],
	['z', 'x', 'c', 'v'],
	['g', 'h', 'j', 'k'],
	['t', 'y', 'i', 'o'],
	['b', 'l', ',', '.']
];
const TRAIT_CHOICE_ORDER: readonly TraitChoice[] = ['left', 'tie', 'right', 'both-bad'];

export const FLAG_PREFIX = 'm';
const LEFT_FLAG_DIGITS = ['1', '2', '3', '4', '5'];
const RIGHT_FLAG_DIGITS = ['6', '7', '8', '9', '0'];

export const ACTION_KEYS = {
	submit: 'Enter',
	undo: 'u',
	skip: 'p',
	note: 'n',
	help: '?',
	cancel: 'Escape'
} as const;

export type KeyAction =
	| { type: 'overall'; choice: OverallChoice }
	| { type: 'trait'; index: number; choice: TraitChoice }
	| { type: 'flag'; side: Side; index: number }
	| { type: 'submit' }
	| { type: 'undo' }
	| { type: 'skip' }
	| { type: 'note' }
	| { type: 'help' }
	| { type: 'cancel' };

export interface KeyInput {
	key: string;
	ctrlKey?: boolean;
	metaKey?: boolean;
	altKey?: boolean;
	/** Focus is in a text box: letters are typing, not shortcuts. */
	inTextField?: boolean;
	/** Focus is on a button, link or summary: Enter belongs to it. */
	onActivatable?: boolean;
}

export interface KeyContext {
	traitCount: number;
	flagCount: number;
	/** `m` was pressed and a digit is expected. */
	flagPrefix: boolean;
}

export interface KeyResult {
	action?: KeyAction;
	flagPrefix: boolean;
}

export function overallKey(choice: OverallChoice): string {
	return OVERALL_KEYS[choice];
}

export function traitKey(index: number, choice: TraitChoice): string | undefined {
	return TRAIT_ROWS[index]?.[TRAIT_CHOICE_ORDER.indexOf(choice)];
}

export function flagKey(side: Side, index: number): string | undefined {
	const digit = (side === 'left' ? LEFT_FLAG_DIGITS : RIGHT_FLAG_DIGITS)[index];
	return digit === undefined ? undefined : `${FLAG_PREFIX} ${digit}`;
}

function traitAction(key: string, traitCount: number): KeyAction | undefined {
	for (let index = 0; index < Math.min(traitCount, TRAIT_ROWS.length); index++) {
		const column = TRAIT_ROWS[index]?.indexOf(key) ?? -1;
		const choice = TRAIT_CHOICE_ORDER[column];
		if (choice) return { type: 'trait', index, choice };
	}
	return undefined;
}

function flagAction(key: string, flagCount: number): KeyAction | undefined {
	const left = LEFT_FLAG_DIGITS.indexOf(key);
	if (left >= 0 && left < flagCount) return { type: 'flag', side: 'left', index: left };
	const right = RIGHT_FLAG_DIGITS.indexOf(key);
	if (right >= 0 && right < flagCount) return { type: 'flag', side: 'right', index: right };
	return undefined;
}

export function interpretKey(input: KeyInput, context: KeyContext): KeyResult {
	const none: KeyResult = { flagPrefix: false };
	if (input.key === 'Enter' && (input.ctrlKey || input.metaKey)) {
		return { action: { type: 'submit' }, flagPrefix: false };
	}
	if (input.ctrlKey || input.metaKey || input.altKey) return { flagPrefix: context.flagPrefix };
	if (input.inTextField) {
		return input.key === 'Escape' ? { action: { type: 'cancel' }, flagPrefix: false } : none;
	}
	if (input.key === 'Enter') {
		return input.onActivatable ? none : { action: { type: 'submit' }, flagPrefix: false };
	}
	if (input.key === 'Escape') return { action: { type: 'cancel' }, flagPrefix: false };
	const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
	if (context.flagPrefix) {
		const action = flagAction(key, context.flagCount);
		return action ? { action, flagPrefix: false } : none;
	}
	if (key === ACTION_KEYS.help) return { action: { type: 'help' }, flagPrefix: false };
	const overall = (Object.entries(OVERALL_KEYS) as [OverallChoice, string][]).find(
		([, value]) => value === key
	);
	if (overall) return { action: { type: 'overall', choice: overall[0] }, flagPrefix: false };
	const trait = traitAction(key, context.traitCount);
	if (trait) return { action: trait, flagPrefix: false };
	if (key === FLAG_PREFIX && context.flagCount > 0) return { flagPrefix: true };
	if (key === ACTION_KEYS.undo) return { action: { type: 'undo' }, flagPrefix: false };
	if (key === ACTION_KEYS.skip) return { action: { type: 'skip' }, flagPrefix: false };
	if (key === ACTION_KEYS.note) return { action: { type: 'note' }, flagPrefix: false };
	return none;
}

/** The rows of the help overlay, generated from the same tables the handler uses. */
export function keyHelp(): { keys: string; does: string }[] {
	return [
		{ keys: '1 2 3 4 5', does: 'Left much better … right much better (3 = tie)' },
		{ keys: '0', does: 'Both bad' },
		{ keys: 'q w e r', does: 'First trait of the study: left, tie, right, both bad' },
		{
			keys: 'a s d f / z x c v / g h j k / t y i o / b l , .',
			does: 'Second to sixth traits (each keeps its keys for the whole study)'
		},
		{ keys: 'm then 1–5', does: 'Toggle a flag on the left response' },
		{ keys: 'm then 6–0', does: 'Toggle a flag on the right response' },
		{ keys: 'n', does: 'Write a rationale (Esc leaves the box)' },
		{ keys: 'Enter (Ctrl+Enter in a text box)', does: 'Submit the judgment' },
		{ keys: 'u', does: 'Undo the last judgment' },
		{ keys: 'p', does: 'Skip this trial, with a reason' },
		{ keys: '?', does: 'Show or hide this help' },
		{ keys: 'Esc', does: 'Close a panel' }
	];
}
