import { describe, expect, it } from 'vitest';
import { degradeAnswer, degradedResponse } from '$lib/core/plan/degrade';
import { ResponseSchema } from '$lib/core/schema';
import { makeResponse, T0 } from '../../factories';

const ANSWER =
	'Probably not. Colds are caused by viruses, and antibiotics act only on bacteria, so they do not make a cold shorter or milder. Rest, fluids and paracetamol help with the symptoms. See a doctor if you have a high fever or trouble breathing.';

describe('degradeAnswer', () => {
	it('is deterministic for a seed and clearly worse: shorter, scrambled, with a falsehood', () => {
		const degraded = degradeAnswer(ANSWER, 'seed-1');
		expect(degradeAnswer(ANSWER, 'seed-1')).toBe(degraded);
		expect(degraded.length).toBeLessThan(ANSWER.length * 0.7);
		expect(degraded).toMatch(/boils at 10 degrees|fifteen|orbits the Earth|nine days|Australia/);
		expect(ANSWER).not.toContain(degraded.split('\n\n')[0]);
	});

	it('keeps a fragment of the original answer', () => {
		const degraded = degradeAnswer(ANSWER, 'seed-2');
		expect(degraded.startsWith('Probably not.')).toBe(true);
	});
});

describe('degradedResponse', () => {
	it('makes a valid response that names its source and degrades only assistant turns', () => {
		const source = makeResponse({
			transcript: [
				{ role: 'system', content: 'Be helpful.' },
				{ role: 'user', content: 'Question?' },
				{ role: 'assistant', content: ANSWER, reasoning: 'Thinking about colds and viruses.' }
			]
		});
		const copy = degradedResponse(source, T0);
		expect(ResponseSchema.safeParse(copy).success).toBe(true);
		expect(copy.id).toBe(`${source.id}:degraded`);
		expect(copy.degradedFrom).toBe(source.id);
		expect(copy.transcript[0]).toEqual(source.transcript[0]);
		expect(copy.transcript[1]).toEqual(source.transcript[1]);
		expect(copy.transcript[2]?.content).not.toBe(ANSWER);
		expect(copy.transcript[2]?.reasoning).toBeDefined();
		expect(degradedResponse(source, T0)).toEqual(copy);
	});
});
