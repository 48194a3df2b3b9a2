import { describe, expect, it } from 'vitest';
import {
	categoriesOf,
	comparisonOf,
	exclusionOf,
	orient,
	outcomeFor,
	voteOf
} from '$lib/core/analysis/votes';
import { BASELINE, OTHER, TRAINED, record } from './records';

const ref = (endpoint: typeof BASELINE) => ({
	id: endpoint.id,
	label: endpoint.label,
	role: endpoint.role,
	model: endpoint.model
});

describe('votes from export records', () => {
	it('puts the trained endpoint first whatever side it sat on', () => {
		expect(orient(ref(BASELINE), ref(TRAINED)).a.id).toBe('ep-trained');
		expect(orient(ref(TRAINED), ref(BASELINE)).key).toBe('ep-trained|ep-baseline');
		expect(orient(ref(BASELINE), ref(OTHER), 'ep-baseline').a.id).toBe('ep-other');
		expect(orient({ ...ref(OTHER), role: 'x' }, { ...ref(TRAINED), role: 'y' }).a.label).toBe(
			'Other 7B'
		);
	});

	it('reads verdicts from the trained point of view on either side', () => {
		const leftWin = record({ overall: 'left-better', left: 'ep-trained' });
		const rightWin = record({ overall: 'right-much-better', left: 'ep-trained' });
		const swappedWin = record({ overall: 'right-better', left: 'ep-baseline' });
		expect(outcomeFor(leftWin, 'ep-trained')).toBe('win');
		expect(outcomeFor(rightWin, 'ep-trained')).toBe('loss');
		expect(outcomeFor(swappedWin, 'ep-trained')).toBe('win');
		expect(outcomeFor(record({ overall: 'both-bad' }), 'ep-trained')).toBe('both-bad');
		expect(outcomeFor(record({ overall: null }), 'ep-trained')).toBeNull();
		const vote = voteOf(swappedWin, comparisonOf(swappedWin), ['x']);
		expect(vote).toEqual({
			itemId: 'item-1',
			raterId: 'rater-ada',
			outcome: 'win',
			leftWasTrained: false,
			categories: ['x']
		});
	});

	it('files an item under each trait, its domain, each trait × domain and each tag', () => {
		const item = record({
			overall: 'tie',
			traits: ['truthfulness', 'fairness'],
			domain: 'law',
			tags: ['pressure']
		}).item;
		expect(categoriesOf(item)).toEqual([
			'trait:truthfulness',
			'trait:fairness',
			'domain:law',
			'trait×domain:truthfulness×law',
			'trait×domain:fairness×law',
			'tag:pressure'
		]);
	});

	it('leaves out skips, attention checks, leak-flagged trials and swap re-shows by default', () => {
		expect(exclusionOf(record({ overall: null }))).toBe('skipped');
		expect(exclusionOf(record({ overall: 'tie', kind: 'attention', gold: 'left' }))).toBe(
			'attention'
		);
		expect(exclusionOf(record({ overall: 'tie', leak: true }))).toBe('leak-flagged');
		expect(exclusionOf(record({ overall: 'tie', kind: 'swap', swapOf: 't' }))).toBe('swap');
		expect(
			exclusionOf(record({ overall: 'tie', leak: true }), { includeLeakFlagged: true })
		).toBeUndefined();
		expect(exclusionOf(record({ overall: 'tie' }))).toBeUndefined();
	});
});
