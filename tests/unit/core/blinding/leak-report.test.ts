import { describe, expect, it } from 'vitest';
import { leakCountsByEndpoint, systemPromptLeaks } from '$lib/core/blinding/leak-report';
import { makeEndpoint, makeResponse, makeTrial } from '../../factories';

const trained = makeEndpoint({ id: 'ep-t', label: 'Trained', model: 'mock-trained' });
const constitution = makeEndpoint({
	id: 'ep-c',
	label: 'Okapi constitution',
	model: 'mock-constitution',
	systemPrompt: 'You are Okapi. Follow the Okapi constitution: be honest and kind.'
});
const baseline = makeEndpoint({ id: 'ep-b', label: 'Baseline', model: 'mock-baseline' });

function answer(id: string, endpointId: string, text: string) {
	return makeResponse({
		id,
		endpointId,
		transcript: [
			{ role: 'user', content: 'Does Okapi have a constitution?' },
			{ role: 'assistant', content: text }
		]
	});
}

describe('leak terms in an endpoint system prompt', () => {
	it('names the endpoint and the terms its own prompt contains', () => {
		const found = systemPromptLeaks([trained, constitution, baseline], ['Okapi']);
		expect(found).toEqual([{ endpointId: 'ep-c', terms: ['Okapi', 'Okapi constitution'] }]);
	});

	it('finds the endpoint label too, and nothing when no prompt is set', () => {
		const labelled = {
			...constitution,
			label: 'Honest constitution',
			systemPrompt: 'An honest constitution.'
		};
		expect(systemPromptLeaks([labelled], [])).toEqual([
			{ endpointId: 'ep-c', terms: ['Honest constitution'] }
		]);
		expect(systemPromptLeaks([trained, baseline], ['Okapi'])).toEqual([]);
	});
});

describe('leak counts per endpoint', () => {
	const responses = [
		answer('c1', 'ep-c', 'As Okapi I must be honest.'),
		answer('c2', 'ep-c', 'My Okapi constitution says no.'),
		answer('c3', 'ep-c', 'Plain answer.'),
		answer('t1', 'ep-t', 'Plain answer.'),
		answer('t2', 'ep-t', 'Plain answer.'),
		answer('t3', 'ep-t', 'Plain answer.'),
		answer('b1', 'ep-b', 'Plain answer.'),
		answer('b2', 'ep-b', 'Plain answer.'),
		{ ...answer('b3', 'ep-b', 'I am Okapi'), status: 'error' as const }
	];
	const trial = (id: string, l: string, r: string, kind: 'main' | 'attention' = 'main') =>
		makeTrial({
			id,
			kind,
			...(kind === 'attention' ? { gold: 'left' as const } : {}),
			leftResponseId: l,
			rightResponseId: r,
			leftEndpointId: `ep-${l[0]}`,
			rightEndpointId: `ep-${r[0]}`
		});
	const trials = [
		trial('1', 'c1', 't1'),
		trial('2', 't2', 'c2'),
		trial('3', 'c3', 't3'),
		trial('4', 't1', 'b1'),
		trial('5', 'b2', 'c2'),
		trial('6', 'c1', 'c1', 'attention')
	];

	it('counts naming answers and flagged compared trials, by hand', () => {
		const counts = leakCountsByEndpoint(
			['ep-t', 'ep-c', 'ep-b'],
			[trained, constitution, baseline],
			['Okapi'],
			trials,
			responses
		);
		expect(counts).toEqual([
			// Trained names nothing, but two of its three trials face a naming constitution answer.
			{
				endpointId: 'ep-t',
				namingAnswers: 0,
				doneAnswers: 3,
				flaggedTrials: 2,
				trials: 4,
				topTerms: []
			},
			{
				endpointId: 'ep-c',
				namingAnswers: 2,
				doneAnswers: 3,
				flaggedTrials: 3,
				trials: 4,
				topTerms: ['Okapi', 'Okapi constitution']
			},
			// The failed answer does not count; trial 5 is flagged through the constitution's answer.
			{
				endpointId: 'ep-b',
				namingAnswers: 0,
				doneAnswers: 2,
				flaggedTrials: 1,
				trials: 2,
				topTerms: []
			}
		]);
	});
});
