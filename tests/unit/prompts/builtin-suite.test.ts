// Coverage and hygiene of the built-in trait-probing suite, checked from the data itself.
import { describe, expect, it } from 'vitest';
import suite from '$lib/prompts/data/builtin-suite.json';
import type { RawSuiteItem as SuiteItem } from '$lib/prompts/builtin-suite';
import { BUILTIN_DOMAINS as DOMAINS, BUILTIN_TRAITS as TRAITS } from '$lib/core/schema';

const TAGS = new Set([
	'pressure',
	'flattery',
	'false-premise',
	'harmful-steer',
	'helpful-steer',
	'multi-turn',
	'new-information',
	'oversight',
	'shutdown',
	'harmful-request',
	'self-knowledge',
	'conflict-of-interest',
	'calculation'
]);
const PUSHBACK_TAGS = ['pressure', 'flattery', 'false-premise'];
const VENDOR_NAMES = [
	'gpt',
	'openai',
	'claude',
	'anthropic',
	'gemini',
	'llama',
	'mistral',
	'chatgpt'
];
const ITEM_FIELDS = new Set(['key', 'system', 'turns', 'traits', 'domain', 'tags', 'raterNote']);
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_TURN_CHARS = 2000;

const items: readonly SuiteItem[] = suite.items;

const isMultiTurnPushback = (item: SuiteItem) =>
	item.turns.length >= 2 &&
	item.tags.includes('multi-turn') &&
	item.tags.some((tag) => PUSHBACK_TAGS.includes(tag));
const hasSystem = (item: SuiteItem) => (item.system ?? '').trim().length > 0;
const steered = (tag: string) => items.filter((item) => item.tags.includes(tag) && hasSystem(item));

/** Every string anywhere in a JSON value, with its path. */
function strings(value: unknown, path: string): [string, string][] {
	if (typeof value === 'string') return [[path, value]];
	if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
	return [];
}

describe('built-in suite metadata', () => {
	it('declares format, schema, name, semantic version and licence', () => {
		expect(suite.format).toBe('trait-arena/builtin-suite');
		expect(suite.schema).toBe(1);
		expect(suite.name.trim()).not.toBe('');
		expect(suite.version).toMatch(/^\d+\.\d+\.\d+$/);
		expect(suite.description.trim()).not.toBe('');
		expect(suite.license.trim()).not.toBe('');
	});
});

describe('built-in suite coverage', () => {
	it('has at least 96 items', () => {
		expect(items.length).toBeGreaterThanOrEqual(96);
	});

	it('covers every trait × domain cell with at least 3 items', () => {
		const failing: string[] = [];
		for (const trait of TRAITS)
			for (const domain of DOMAINS) {
				const n = items.filter((i) => i.domain === domain && i.traits.includes(trait)).length;
				if (n < 3) failing.push(`${trait} × ${domain}: ${n}`);
			}
		expect(failing, `cells with fewer than 3 items:\n${failing.join('\n')}`).toEqual([]);
	});

	it('has at least 20 multi-turn items whose follow-up pushes back, flatters or asserts a falsehood', () => {
		expect(items.filter(isMultiTurnPushback).length).toBeGreaterThanOrEqual(20);
	});

	it('has at least 10 harmful-steer and 10 helpful-steer items with a system prompt', () => {
		expect(steered('harmful-steer').length).toBeGreaterThanOrEqual(10);
		expect(steered('helpful-steer').length).toBeGreaterThanOrEqual(10);
	});

	it('spreads both kinds of steering over every domain', () => {
		const thin: string[] = [];
		for (const tag of ['harmful-steer', 'helpful-steer'])
			for (const domain of DOMAINS) {
				const n = steered(tag).filter((i) => i.domain === domain).length;
				if (n < 2) thin.push(`${tag} in ${domain}: ${n}`);
			}
		expect(thin).toEqual([]);
	});
});

describe('built-in suite items', () => {
	it('have unique kebab-case keys', () => {
		const keys = items.map((i) => i.key);
		const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
		expect(duplicates).toEqual([]);
		expect(keys.filter((k) => !KEBAB.test(k))).toEqual([]);
	});

	it('use only known fields and the allowed traits, domains and tags', () => {
		const problems: string[] = [];
		for (const item of items) {
			const extra = Object.keys(item).filter((f) => !ITEM_FIELDS.has(f));
			if (extra.length) problems.push(`${item.key}: unknown fields ${extra.join(', ')}`);
			if (item.traits.length < 1 || item.traits.length > 3)
				problems.push(`${item.key}: ${item.traits.length} traits (want 1–3)`);
			if (new Set(item.traits).size !== item.traits.length)
				problems.push(`${item.key}: repeated trait`);
			for (const trait of item.traits)
				if (!(TRAITS as readonly string[]).includes(trait))
					problems.push(`${item.key}: unknown trait ${trait}`);
			if (!(DOMAINS as readonly string[]).includes(item.domain))
				problems.push(`${item.key}: unknown domain ${item.domain}`);
			if (new Set(item.tags).size !== item.tags.length) problems.push(`${item.key}: repeated tag`);
			for (const tag of item.tags)
				if (!TAGS.has(tag) || !KEBAB.test(tag)) problems.push(`${item.key}: unknown tag ${tag}`);
		}
		expect(problems).toEqual([]);
	});

	it('have at least one turn, each non-empty and at most 2,000 characters', () => {
		const problems: string[] = [];
		for (const item of items) {
			if (item.turns.length < 1) problems.push(`${item.key}: no turns`);
			item.turns.forEach((turn, i) => {
				if (turn.length > MAX_TURN_CHARS)
					problems.push(`${item.key}: turn ${i} has ${turn.length} characters`);
			});
		}
		expect(problems).toEqual([]);
	});

	it('contain no empty or blank strings anywhere', () => {
		const blank = strings(suite, 'suite').filter(([, s]) => s.trim() === '');
		expect(blank.map(([path]) => path)).toEqual([]);
	});

	it('tag multi-turn exactly when there are scripted follow-up turns', () => {
		const problems = items
			.filter((i) => i.tags.includes('multi-turn') !== i.turns.length >= 2)
			.map((i) => `${i.key}: ${i.turns.length} turns, tags ${i.tags.join(', ')}`);
		expect(problems).toEqual([]);
	});

	it('give every steering item a system prompt and never mix harmful and helpful steering', () => {
		const problems: string[] = [];
		for (const item of items) {
			const harmful = item.tags.includes('harmful-steer');
			const helpful = item.tags.includes('helpful-steer');
			if ((harmful || helpful) && !hasSystem(item)) problems.push(`${item.key}: no system prompt`);
			if (harmful && helpful) problems.push(`${item.key}: both harmful and helpful steering`);
		}
		expect(problems).toEqual([]);
	});

	it('have a rater note that, for steering items, says whether to resist or comply', () => {
		const problems: string[] = [];
		for (const item of items) {
			if (item.raterNote.trim().length < 40) problems.push(`${item.key}: rater note too short`);
			if (item.tags.includes('harmful-steer') && !/\bresist/i.test(item.raterNote))
				problems.push(`${item.key}: harmful-steer note does not say to resist`);
			if (item.tags.includes('helpful-steer') && !/\bcomply/i.test(item.raterNote))
				problems.push(`${item.key}: helpful-steer note does not say to comply`);
		}
		expect(problems).toEqual([]);
	});

	it('never name an AI model or vendor', () => {
		const hits = strings(suite, 'suite').flatMap(([path, s]) =>
			VENDOR_NAMES.filter((name) => s.toLowerCase().includes(name)).map((n) => `${path}: ${n}`)
		);
		expect(hits).toEqual([]);
	});
});
