import { describe, expect, it } from 'vitest';
import { estimateCost, previewGeneration } from '$lib/generation/preview';
import { makeEndpoint, makeItem } from '../factories';

const items = [
	makeItem({ id: 'i1', turns: ['x'.repeat(40)] }),
	makeItem({ id: 'i2', turns: ['y'.repeat(40), 'Are you sure?'] })
];
const capped = makeEndpoint({ id: 'a', params: { max_tokens: 100 } });
const open = makeEndpoint({ id: 'b', params: {} });

describe('previewGeneration', () => {
	it('counts one call per user turn per endpoint, and only for responses not done', () => {
		const all = previewGeneration(items, [capped, open]);
		expect(all).toMatchObject({ responses: 4, remaining: 4, calls: 6 });
		const partly = previewGeneration(items, [capped, open], (itemId, endpointId) =>
			itemId === 'i2' && endpointId === 'a' ? 'done' : 'error'
		);
		expect(partly).toMatchObject({ remaining: 3, calls: 4 });
	});

	it('bounds completion tokens by max_tokens, or leaves the ceiling open', () => {
		expect(previewGeneration(items, [capped]).maxCompletionTokens).toBe(300);
		expect(previewGeneration(items, [capped, open]).maxCompletionTokens).toBeUndefined();
	});

	it('counts the growing history of multi-turn prompts', () => {
		const single = previewGeneration([items[0] ?? makeItem()], [capped]).promptTokens;
		const multi = previewGeneration([items[1] ?? makeItem()], [capped]).promptTokens;
		// Turn 2 resends turn 1 and the (guessed) answer, so it costs more than twice one turn.
		expect(multi).toBeGreaterThan(2 * single + 100);
	});
});

describe('estimateCost', () => {
	it('prices prompt and completion tokens per million', () => {
		const preview = {
			responses: 1,
			remaining: 1,
			calls: 1,
			promptTokens: 1_000_000,
			typicalCompletionTokens: 500_000,
			maxCompletionTokens: 2_000_000
		};
		expect(estimateCost(preview, { inputPerMillion: 2, outputPerMillion: 8 })).toEqual({
			typical: 6,
			ceiling: 18
		});
		expect(
			estimateCost(
				{ ...preview, maxCompletionTokens: undefined },
				{ inputPerMillion: 1, outputPerMillion: 1 }
			).ceiling
		).toBeUndefined();
	});
});
