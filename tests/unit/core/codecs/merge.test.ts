import { describe, expect, it } from 'vitest';
import { canonicalJson, deepEqual, differingFields, mergeRows } from '$lib/core/codecs/merge';

const row = (id: string, value: unknown, extra: Record<string, unknown> = {}) => ({
	id,
	compare: { id, value, ...extra },
	row: { id, value, ...extra },
	location: { file: 'f.jsonl', row: 1 }
});

describe('canonical comparison', () => {
	it('ignores key order and undefined properties', () => {
		expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { y: 1, x: 0 }] } })).toBe(
			'{"a":{"c":[2,{"x":0,"y":1}]},"b":1}'
		);
		expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
		expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
	});

	it('names the top-level fields that differ', () => {
		expect(differingFields({ a: 1, b: { c: 1 }, d: 3 }, { a: 1, b: { c: 2 }, e: 3 })).toEqual([
			'b',
			'd',
			'e'
		]);
	});
});

describe('mergeRows', () => {
	const stored = new Map([
		['same', { id: 'same', value: 1 }],
		['changed', { id: 'changed', value: 1 }]
	]);

	it('sorts incoming rows into new, duplicate and conflict', () => {
		const merge = mergeRows(
			'judgments',
			[row('same', 1), row('changed', 2), row('fresh', 3)],
			stored,
			(value) => value
		);
		expect(merge.fresh).toEqual([{ id: 'fresh', value: 3 }]);
		expect(merge.duplicates).toBe(1);
		expect(merge.conflicts).toEqual([
			{
				table: 'judgments',
				id: 'changed',
				location: { file: 'f.jsonl', row: 1 },
				fields: ['value']
			}
		]);
	});

	it('compares through the projection of the stored row', () => {
		const merge = mergeRows(
			'endpoints',
			[row('same', 1)],
			new Map([['same', { id: 'same', value: 1, secret: 'x' }]]),
			({ id, value }) => ({ id, value })
		);
		expect(merge.duplicates).toBe(1);
		expect(merge.conflicts).toEqual([]);
	});

	it('counts an id repeated in the input once', () => {
		const merge = mergeRows('trials', [row('fresh', 1), row('fresh', 1)], new Map(), (v) => v);
		expect(merge.fresh).toHaveLength(1);
	});
});
