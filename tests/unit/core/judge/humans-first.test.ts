import { describe, expect, it } from 'vitest';
import { humanEffort } from '$lib/core/analysis/human-effort';
import { doubtfulTrials, humansFirst } from '$lib/core/judge/humans-first';
import type { OverallChoice } from '$lib/core/schema';
import { record } from '../analysis/records';

const consistent = (overall: OverallChoice) => ({
	shown: { overall, traitChoices: {} },
	swapped: { overall, traitChoices: {} },
	consistent: true
});

describe('doubtful trials', () => {
	it('are those a judge was position-inconsistent on or two judges disagree on', () => {
		const doubts = doubtfulTrials([
			{
				trialId: 't1',
				raterKind: 'model',
				overall: 'left-better',
				judgeOrders: consistent('left-better')
			},
			{
				trialId: 't2',
				raterKind: 'model',
				overall: null,
				judgeOrders: { ...consistent('left-better'), consistent: false }
			},
			{ trialId: 't3', raterKind: 'model', overall: 'left-better' },
			{ trialId: 't3', raterKind: 'model', overall: 'right-much-better' },
			{ trialId: 't4', raterKind: 'model', overall: 'left-better' },
			{ trialId: 't4', raterKind: 'model', overall: 'left-much-better' },
			{ trialId: 't5', overall: 'tie' }
		]);
		expect([...doubts].sort()).toEqual(['t2', 't3']);
	});

	it('go first in a rater order; everything else keeps its relative place', () => {
		const order = [
			{ id: 'a', kind: 'main' },
			{ id: 'b', kind: 'attention' },
			{ id: 'c', kind: 'main' },
			{ id: 'd', kind: 'swap' },
			{ id: 'e', kind: 'main' }
		];
		expect(humansFirst(order, new Set(['e', 'c', 'b'])).map((t) => t.id)).toEqual([
			'c',
			'e',
			'a',
			'b',
			'd'
		]);
	});
});

describe('human effort saved', () => {
	it('keeps human votes only on doubtful trials and lets the judge stand in elsewhere', () => {
		const judge = { rater: 'judge:ep-j', judge: 'ep-j' };
		const records = [
			// k1, k2: the judge is sure and humans agree with it. k3: the judge is inconsistent.
			record({ trial: 't1', item: 'k1', overall: 'left-better', rater: 'h1' }),
			record({ trial: 't1', item: 'k1', overall: 'left-better', rater: 'h2' }),
			record({ trial: 't1', item: 'k1', overall: 'left-better', ...judge }),
			record({ trial: 't2', item: 'k2', overall: 'left-better', rater: 'h1' }),
			record({ trial: 't2', item: 'k2', overall: 'tie', rater: 'h2' }),
			record({ trial: 't2', item: 'k2', overall: 'left-better', ...judge }),
			record({ trial: 't3', item: 'k3', overall: 'right-better', rater: 'h1' }),
			record({ trial: 't3', item: 'k3', overall: 'right-better', rater: 'h2' }),
			record({ trial: 't3', item: 'k3', overall: null, ...judge })
		];
		const effort = humanEffort(records);
		expect(effort).toMatchObject({ trials: 3, doubtful: 1, humanVotes: 6, hybridHumanVotes: 2 });
		// All human: 1, 1, 1, ½, 0, 0 → 3.5 / 6. Hybrid: judge 1, 1 and humans 0, 0 → ½.
		expect(effort?.allHuman.mean).toBeCloseTo(3.5 / 6, 12);
		expect(effort?.hybrid.mean).toBeCloseTo(0.5, 12);
	});

	it('is undefined without a judge', () => {
		expect(humanEffort([record({ overall: 'left-better' })])).toBeUndefined();
	});
});
