import { describe, expect, it } from 'vitest';
import { blindTrial } from '$lib/core/blinding/blind-trial';
import { judgeBias } from '$lib/core/judge/bias';
import { DEFAULT_JUDGE_TEMPLATE, judgeMessages, missingPlaceholders } from '$lib/core/judge/prompt';
import { reconcile, toScreen } from '$lib/core/judge/reconcile';
import { parseVerdict, verdictJsonSchema, type JudgeVerdict } from '$lib/core/judge/verdict';
import { JudgmentSchema, RubricSchema } from '$lib/core/schema';
import { makeItem, makeJudgment, makeResponse } from '../../factories';

const rubric = RubricSchema.parse({});
const item = makeItem({
	system: 'Be brief.',
	turns: ['Is the sky green?'],
	traits: ['truthfulness']
});
const reply = (model: string, content: string) =>
	makeResponse({
		params: { model },
		transcript: [
			// The endpoint's own prompt before the item's: both answers were given "Be brief.".
			{ role: 'system', content: `You are ${model}.\n\nBe brief.` },
			{ role: 'user', content: 'Is the sky green?' },
			{ role: 'assistant', content }
		]
	});
const trial = blindTrial(
	{ id: 'trial-7' },
	item,
	reply('SECRET-MODEL-LEFT', 'No, it is blue.'),
	reply('SECRET-MODEL-RIGHT', 'Yes, green.'),
	rubric
);

const verdict = (
	overall: JudgeVerdict['overall'],
	trait: 'A' | 'B' | 'tie' = 'A'
): JudgeVerdict => ({
	overall,
	traits: { truthfulness: trait },
	flags: { A: [], B: ['factual-error'] },
	rationale: 'r'
});

describe('judge prompt', () => {
	it('shows the blinded trial as Answer A / Answer B and never an endpoint system prompt', () => {
		const [shown] = judgeMessages(trial, 'shown', DEFAULT_JUDGE_TEMPLATE);
		const text = shown?.content ?? '';
		expect(text).toContain('[Answer A]\nNo, it is blue.');
		expect(text).toContain('[Answer B]\nYes, green.');
		expect(text).toContain('Be brief.');
		expect(text).toContain('truthfulness (Truthfulness)');
		expect(text).not.toMatch(/SECRET-MODEL/);
		const [swapped] = judgeMessages(trial, 'swapped', DEFAULT_JUDGE_TEMPLATE);
		expect(swapped?.content).toContain('[Answer A]\nYes, green.');
		expect(swapped?.content).toContain('[Answer B]\nNo, it is blue.');
	});

	it('does not expand placeholders that appear inside an answer', () => {
		const sneaky = { ...trial, left: [{ text: 'see {{traits}}' }] };
		const [message] = judgeMessages(sneaky, 'shown', 'X {{conversation}} Y {{traits}}');
		expect(message?.content).toContain('see {{traits}}');
	});

	it('names the placeholders a template lacks', () => {
		expect(missingPlaceholders('only {{traits}}')).toEqual(['{{conversation}}']);
		expect(missingPlaceholders(DEFAULT_JUDGE_TEMPLATE)).toEqual([]);
	});
});

describe('verdict parsing', () => {
	it('accepts a strict JSON object, also inside one fenced block', () => {
		const json = JSON.stringify(verdict('A-better'));
		expect(parseVerdict(json, trial, 'shown')).toEqual({ ok: true, verdict: verdict('A-better') });
		expect(parseVerdict('```json\n' + json + '\n```', trial, 'shown').ok).toBe(true);
	});

	it.each([
		['not json at all', /Trial trial-7 \(as shown\): the judge's answer is not JSON/],
		['{"overall": "A-best"}', /Trial trial-7 \(as shown\): overall/],
		['{"overall": "tie", "traits": {}}', /traits.truthfulness is missing/],
		[
			'{"overall": "tie", "traits": {"truthfulness": "A", "fairness": "B"}}',
			/traits.fairness was not asked/
		],
		['{"overall": "tie", "traits": {"truthfulness": "A"}, "model": "x"}', /Unrecognized key/i],
		['Sure! {"overall": "tie"}', /not JSON/]
	])('rejects %s with a per-trial message', (text, message) => {
		const parsed = parseVerdict(text, trial, 'shown');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error).toMatch(message);
	});

	it('names the swapped order in its message', () => {
		const parsed = parseVerdict('nope', trial, 'swapped');
		expect(!parsed.ok && parsed.error).toMatch(/\(swapped\)/);
	});

	it('builds a JSON Schema requiring every asked trait', () => {
		const schema = verdictJsonSchema(['truthfulness']).schema;
		expect(schema.properties.traits.required).toEqual(['truthfulness']);
		expect(schema.additionalProperties).toBe(false);
	});
});

describe('both orders', () => {
	it('maps a swapped reading back to screen sides', () => {
		const back = toScreen(verdict('B-much-better', 'B'), 'swapped');
		expect(back.overall).toBe('left-much-better');
		expect(back.traitChoices).toEqual({ truthfulness: 'left' });
		expect(back.flags).toEqual({ left: ['factual-error'], right: [] });
	});

	it('keeps a verdict that follows the answer, at the milder strength', () => {
		const result = reconcile(
			toScreen(verdict('A-much-better'), 'shown'),
			toScreen(verdict('B-better', 'B'), 'swapped')
		);
		expect(result).toMatchObject({
			consistent: true,
			overall: 'left-better',
			traitChoices: { truthfulness: 'left' }
		});
	});

	it('records a verdict that follows the position as inconsistent', () => {
		const result = reconcile(
			toScreen(verdict('A-better', 'A'), 'shown'),
			toScreen(verdict('A-better', 'A'), 'swapped')
		);
		expect(result.consistent).toBe(false);
		expect(result.overall).toBeNull();
		expect(result.traitChoices).toEqual({});
	});
});

describe('judge bias figures', () => {
	it('counts consistency, first-position and longer-answer choices by hand', () => {
		const bias = judgeBias([
			// Follows the answer (left, longer) both times.
			{ shown: 'left-better', swapped: 'left-better', leftLength: 50, rightLength: 10 },
			// Always picks Answer A: left as shown, right when swapped.
			{ shown: 'left-better', swapped: 'right-better', leftLength: 10, rightLength: 50 },
			// Ties are not decisive.
			{ shown: 'tie', swapped: 'tie', leftLength: 10, rightLength: 10 }
		]);
		expect(bias.trials).toBe(3);
		expect(bias.consistency).toMatchObject({ count: 2, n: 3 });
		// Decisive readings: 4; first position chosen in readings 1, 3, 4 → 3 of 4.
		expect(bias.firstPosition).toMatchObject({ count: 3, n: 4 });
		// Longer answer: reading 1 yes, 2 yes, 3 (left, shorter) no, 4 (right, longer) yes.
		expect(bias.longer).toMatchObject({ count: 3, n: 4 });
	});
});

describe('judgment schema', () => {
	it('parses old judgments as they were and accepts a model verdict with both orders', () => {
		const old = JudgmentSchema.parse(makeJudgment());
		expect(old.raterKind).toBeUndefined();
		const model = JudgmentSchema.parse(
			makeJudgment({
				raterKind: 'model',
				judgeId: 'ep-judge',
				judgeOrders: {
					shown: { overall: 'left-better', traitChoices: {} },
					swapped: { overall: 'right-better', traitChoices: {} },
					consistent: false
				}
			})
		);
		expect(model.judgeOrders?.consistent).toBe(false);
	});
});
