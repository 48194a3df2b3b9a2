import { describe, expect, it } from 'vitest';
import {
	buildJudgment,
	missingAnswer,
	winnerOf,
	type JudgmentForm
} from '$lib/core/plan/resolve-judgment';
import { JudgmentSchema, OVERALL_CHOICES } from '$lib/core/schema';
import { makeTrial, T0 } from '../../factories';

describe('winnerOf', () => {
	it('resolves a side to the endpoint that sat there', () => {
		const trial = makeTrial({ leftEndpointId: 'L', rightEndpointId: 'R' });
		const winners = OVERALL_CHOICES.map((choice) => winnerOf(choice, trial));
		expect(winners).toEqual(['L', 'L', null, 'R', 'R', null]);
		expect(winnerOf(null, trial)).toBeNull();
	});
});

describe('buildJudgment', () => {
	it('builds a valid judgment with endpoints resolved and copies of the form', () => {
		const trial = makeTrial({ leftEndpointId: 'ep-baseline', rightEndpointId: 'ep-trained' });
		const form: JudgmentForm = {
			overall: 'right-much-better',
			skipReason: null,
			traitChoices: { truthfulness: 'right' },
			flags: { left: ['sycophantic'], right: [] },
			rationale: 'Right kept its position.'
		};
		const judgment = buildJudgment(trial, form, {
			id: 'j-1',
			app: '1.2.3',
			raterId: 'ada',
			decisionMs: 1234.6,
			at: T0
		});
		expect(JudgmentSchema.parse(judgment)).toEqual(judgment);
		expect(judgment.winnerEndpointId).toBe('ep-trained');
		expect(judgment.decisionMs).toBe(1235);
		form.flags.left.push('harmful');
		expect(judgment.flags.left).toEqual(['sycophantic']);
	});
});

describe('missingAnswer', () => {
	const form = {
		overall: 'tie' as const,
		traitChoices: { truthfulness: 'tie' as const },
		flags: { left: [], right: [] },
		rationale: ''
	};
	it('asks for the overall choice, every trait asked, and a required rationale', () => {
		const asked = { traits: ['truthfulness'], rationale: 'optional' as const };
		expect(
			missingAnswer({ ...asked, traits: ['truthfulness', 'epistemic-humility', 'own-trait'] }, form)
		).toBe('Answer every trait question (Epistemic humility, own-trait).');
		expect(missingAnswer(asked, form)).toBeUndefined();
		expect(missingAnswer(asked, { ...form, overall: null })).toMatch(/overall/);
		expect(missingAnswer({ ...asked, traits: ['truthfulness', 'fairness'] }, form)).toMatch(
			/\(Fairness\)/
		);
		expect(missingAnswer({ ...asked, rationale: 'required' }, form)).toMatch(/rationale/);
		expect(
			missingAnswer({ ...asked, rationale: 'required' }, { ...form, rationale: 'because' })
		).toBeUndefined();
	});
});
