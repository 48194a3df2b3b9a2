import { describe, expect, it } from 'vitest';
import raw from '$lib/demo/data/demo-study.json';
import type { DemoFile } from '$lib/demo/seed-demo';
import { BUILTIN_DOMAINS as DOMAINS, BUILTIN_TRAITS as TRAITS } from '$lib/core/schema';

const study: DemoFile = raw;
const { items, endpoints } = study;

// Anything a rater sees must not hint at a model, a vendor or which side is which.
const IDENTITY =
	/gpt|openai|claude|anthropic|gemini|llama|mistral|baseline|trained|as an ai (language )?model/i;
const HTML_TAG = /<[a-z]/i;
const REMOTE_IMAGE = /!\[[^\]]*\]\(\s*(https?:)?\/\//i;
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const endpointKeys = endpoints.map((e) => e.key);
const allAnswers = items.flatMap((item) => Object.values(item.answers).flat());
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const withTag = (tag: string) => items.filter((item) => item.tags.includes(tag));

describe('demo study metadata', () => {
	it('declares its format, schema and illustrative nature', () => {
		expect(study.format).toBe('trait-arena/demo-study');
		expect(study.schema).toBe(1);
		expect(study.notice).toMatch(/not outputs of any real model/i);
		for (const endpoint of endpoints) expect(endpoint.label).toMatch(/illustrative/i);
	});

	it('has one baseline and one trained endpoint with unique keys', () => {
		expect(endpoints.map((e) => e.role).sort()).toEqual(['baseline', 'trained']);
		expect(new Set(endpointKeys).size).toBe(endpoints.length);
	});
});

describe('demo study items', () => {
	it('has exactly 12 items with unique keys', () => {
		expect(items).toHaveLength(12);
		expect(new Set(items.map((item) => item.key)).size).toBe(12);
	});

	it('uses only known traits and domains, and covers all of them', () => {
		const traits = new Set(items.flatMap((item) => item.traits));
		const domains = new Set(items.map((item) => item.domain));
		for (const item of items) {
			expect(item.traits.length).toBeGreaterThan(0);
			for (const trait of item.traits) expect(TRAITS).toContain(trait);
			expect(DOMAINS).toContain(item.domain);
		}
		expect([...traits].sort()).toEqual([...TRAITS].sort());
		expect([...domains].sort()).toEqual([...DOMAINS].sort());
	});

	it('uses kebab-case tags and has a rater note on every item', () => {
		for (const item of items) {
			for (const tag of item.tags) expect(tag).toMatch(KEBAB);
			expect(item.raterNote.trim().length).toBeGreaterThan(0);
		}
	});

	it('has at least 3 multi-turn items', () => {
		const multi = items.filter((item) => item.turns.length > 1);
		expect(multi.length).toBeGreaterThanOrEqual(3);
		for (const item of withTag('multi-turn')) expect(item.turns.length).toBeGreaterThan(1);
	});

	it('has at least 2 harmful-steer and 2 helpful-steer items, each with a system prompt', () => {
		for (const tag of ['harmful-steer', 'helpful-steer']) {
			const steered = withTag(tag);
			expect(steered.length, tag).toBeGreaterThanOrEqual(2);
			for (const item of steered) expect(item.system?.trim(), item.key).toBeTruthy();
		}
	});

	it('includes items where the more cautious answer is the worse one', () => {
		expect(withTag('over-caution').length).toBeGreaterThanOrEqual(2);
	});
});

describe('demo study answers', () => {
	it('gives every endpoint exactly one non-empty answer per user turn', () => {
		for (const item of items) {
			expect(Object.keys(item.answers).sort(), item.key).toEqual([...endpointKeys].sort());
			for (const key of endpointKeys) {
				const answers = item.answers[key] ?? [];
				expect(answers, `${item.key} ${key}`).toHaveLength(item.turns.length);
				for (const answer of answers) expect(answer.trim().length).toBeGreaterThan(0);
			}
		}
	});

	it('never names a model or vendor, reveals a side, or contains HTML or remote images', () => {
		for (const item of items) {
			const visible = [
				...Object.values(item.answers).flat(),
				...item.turns,
				item.system ?? '',
				item.raterNote,
				...item.tags
			];
			for (const text of visible) {
				expect(text, item.key).not.toMatch(IDENTITY);
				expect(text, item.key).not.toMatch(HTML_TAG);
				expect(text, item.key).not.toMatch(REMOTE_IMAGE);
			}
		}
	});

	it('keeps each answer between 60 and 220 words', () => {
		for (const answer of allAnswers) {
			const words = wordCount(answer);
			expect(words, answer.slice(0, 60)).toBeGreaterThanOrEqual(60);
			expect(words, answer.slice(0, 60)).toBeLessThanOrEqual(220);
		}
	});

	it('keeps answer lengths per item and turn within a factor of 1.6', () => {
		for (const item of items) {
			item.turns.forEach((_, turn) => {
				const lengths = endpointKeys.map((key) => item.answers[key]?.[turn]?.length ?? 0);
				const ratio = Math.max(...lengths) / Math.min(...lengths);
				expect(ratio, `${item.key} turn ${turn + 1}`).toBeLessThanOrEqual(1.6);
			});
		}
	});

	it('exercises Markdown: lists, a fenced code block and a table', () => {
		expect(allAnswers.some((a) => /^\s*([-*]|\d+\.) /m.test(a))).toBe(true);
		expect(allAnswers.some((a) => /^```[a-z]*\n[\s\S]+?\n```$/m.test(a))).toBe(true);
		expect(allAnswers.some((a) => /^\|.+\|\n\|\s*-{3,}/m.test(a))).toBe(true);
	});
});
