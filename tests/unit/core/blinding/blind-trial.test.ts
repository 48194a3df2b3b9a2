import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	alignedAnswers,
	blindTrial,
	studyTraits,
	traitsToAsk
} from '$lib/core/blinding/blind-trial';
import { planTrials } from '$lib/core/plan/plan-trials';
import type { Endpoint, Response } from '$lib/core/schema';
import { makeEndpoint, makeItem, makeResponse, makeStudy } from '../../factories';

const ALLOWED_KEYS = [
	'trialId',
	'system',
	'turns',
	'raterNote',
	'left',
	'right',
	'traits',
	'flags',
	'rationale',
	'ownPromptsHidden'
];

// Identifying strings in upper case; the visible text below is lower case, so any hit is a leak.
const identifier = fc.stringMatching(/^[A-Z][A-Z0-9]{5,14}$/);
const endpointArb = fc.record({
	id: identifier,
	label: identifier,
	model: identifier,
	host: fc.stringMatching(/^[a-z]{4,10}$/),
	role: fc.constantFrom('baseline', 'trained')
});
const lowerText = fc.stringMatching(/^[a-z ]{1,80}$/);

describe('blindTrial', () => {
	it('never carries an endpoint id, label, model, role or base URL (property)', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(endpointArb, { minLength: 2, maxLength: 4, selector: (e) => e.id }),
				fc.array(lowerText, { minLength: 1, maxLength: 3 }),
				lowerText,
				fc.nat(),
				(specs, turns, answer, seed) => {
					const endpoints: Endpoint[] = specs.map((spec) =>
						makeEndpoint({
							id: spec.id,
							label: spec.label,
							model: spec.model,
							role: spec.role,
							baseURL: `https://${spec.host}.invalid/ZQ${spec.id}/v1`
						})
					);
					const item = makeItem({ id: 'item-1', turns, system: 'be nice' });
					const study = makeStudy({
						seed,
						endpointIds: endpoints.map((e) => e.id),
						baselineEndpointId: endpoints[0]?.id,
						pairing: 'all-pairs',
						quality: { attentionShare: 0.5, swapShare: 0.5, leakTerms: [] }
					});
					const responseFor = (endpoint: Endpoint): Response =>
						makeResponse({
							id: `${study.id}:${item.id}:${endpoint.id}`,
							endpointId: endpoint.id,
							transcript: [
								{ role: 'system', content: `you are ${endpoint.model.toLowerCase()}` },
								...turns.flatMap((turn) => [
									{ role: 'user' as const, content: turn },
									{ role: 'assistant' as const, content: answer }
								])
							],
							params: { model: endpoint.model, system: endpoint.label },
							ttftMs: 111,
							totalMs: 999
						});
					const byEndpoint = new Map(endpoints.map((e) => [e.id, responseFor(e)]));
					for (const trial of planTrials(study, [item])) {
						const left = byEndpoint.get(trial.leftEndpointId);
						const right = byEndpoint.get(trial.rightEndpointId);
						if (!left || !right) throw new Error('missing response');
						const blind = blindTrial(trial, item, left, right, study.rubric);
						const json = JSON.stringify(blind);
						for (const endpoint of endpoints) {
							for (const secret of [
								endpoint.id,
								endpoint.label,
								endpoint.model,
								endpoint.baseURL
							]) {
								expect(json).not.toContain(secret);
							}
						}
						expect(json).not.toMatch(/baseline|trained|ttft|totalMs|endpoint|kind|gold|swap/i);
						for (const key of Object.keys(blind)) expect(ALLOWED_KEYS).toContain(key);
					}
				}
			),
			{ numRuns: 60 }
		);
	});

	it('aligns answers turn by turn and shows the item system, not the endpoint one', () => {
		const item = makeItem({ turns: ['first?', 'are you sure?'], system: 'Answer briefly.' });
		const left = makeResponse({
			transcript: [
				{ role: 'system', content: 'You are SecretModel.\n\nAnswer briefly.' },
				{ role: 'user', content: 'first?' },
				{ role: 'assistant', content: 'L1', reasoning: 'think' },
				{ role: 'user', content: 'are you sure?' },
				{ role: 'assistant', content: 'L2' }
			]
		});
		const right = makeResponse({
			transcript: [
				{ role: 'system', content: 'Answer briefly.' },
				{ role: 'user', content: 'first?' },
				{ role: 'assistant', content: 'R1' }
			]
		});
		const blind = blindTrial({ id: 't' }, item, left, right, makeStudy().rubric);
		expect(blind.system).toBe('Answer briefly.');
		expect(blind.turns).toEqual(['first?', 'are you sure?']);
		expect(blind.left).toEqual([{ text: 'L1', reasoning: 'think' }, { text: 'L2' }]);
		expect(blind.right).toEqual([{ text: 'R1' }, { text: '' }]);
		expect(JSON.stringify(blind)).not.toContain('SecretModel');
	});

	it('ignores assistant text before the first user turn', () => {
		expect(
			alignedAnswers(
				[
					{ role: 'assistant', content: 'preamble' },
					{ role: 'user', content: 'q' },
					{ role: 'assistant', content: 'a' }
				],
				1
			)
		).toEqual([{ text: 'a' }]);
	});

	it('orders a study’s traits once for all its trials: built-ins first, then its own', () => {
		const rubric = makeStudy().rubric;
		const items = [
			{ traits: ['well-being', 'truthfulness'] },
			{ traits: ['zeal', 'epistemic-humility'] },
			{ traits: ['truthfulness', 'candour'] }
		];
		const expected = ['truthfulness', 'epistemic-humility', 'well-being', 'candour', 'zeal'];
		expect(studyTraits(items, { ...rubric, traitQuestions: 'item' })).toEqual(expected);
		// The order does not depend on which item comes first.
		expect(studyTraits([...items].reverse(), { ...rubric, traitQuestions: 'item' })).toEqual(
			expected
		);
		expect(studyTraits(items, { ...rubric, traitQuestions: 'none' })).toEqual([]);
	});

	it('asks the item traits, the listed traits, or none, as the rubric says', () => {
		const item = { traits: ['truthfulness', 'fairness'] };
		const rubric = makeStudy().rubric;
		expect(traitsToAsk(item, { ...rubric, traitQuestions: 'item' })).toEqual([
			'truthfulness',
			'fairness'
		]);
		expect(traitsToAsk(item, { ...rubric, traitQuestions: 'none' })).toEqual([]);
		expect(
			traitsToAsk(item, { ...rubric, traitQuestions: 'listed', traits: ['well-being'] })
		).toEqual(['well-being']);
	});
});
