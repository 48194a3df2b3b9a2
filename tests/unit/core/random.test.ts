import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededRandom, shuffle } from '$lib/core/random/prng';
import { uuidv7, sequentialIds } from '$lib/core/ids';
import { promptContentHash } from '$lib/core/content-hash';

describe('seededRandom', () => {
	it('repeats the same sequence for the same seed and differs for another', () => {
		const a = seededRandom('study', 42);
		const b = seededRandom('study', 42);
		const c = seededRandom('study', 43);
		const seqA = Array.from({ length: 5 }, a);
		expect(Array.from({ length: 5 }, b)).toEqual(seqA);
		expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
	});

	it('is roughly uniform', () => {
		const random = seededRandom(7);
		const buckets = new Array(10).fill(0);
		for (let index = 0; index < 100_000; index++) buckets[Math.floor(random() * 10)]++;
		for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
	});

	it('shuffle is a permutation', () => {
		fc.assert(
			fc.property(fc.array(fc.integer()), fc.integer(), (items, seed) => {
				const shuffled = shuffle(items, seededRandom(seed));
				expect([...shuffled].sort()).toEqual([...items].sort());
			})
		);
	});
});

describe('ids', () => {
	it('uuidv7 ids are unique, well formed and sort by time', () => {
		const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7()));
		expect(ids.size).toBe(10_000);
		const early = uuidv7(1_700_000_000_000);
		const late = uuidv7(1_800_000_000_000);
		expect(early < late).toBe(true);
		expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('sequential ids are deterministic', () => {
		const next = sequentialIds('t');
		expect([next(), next()]).toEqual(['t-1', 't-2']);
	});
});

describe('promptContentHash', () => {
	it('ignores line endings and spacing but not content', () => {
		const a = promptContentHash({ turns: ['Hello  world\r\nsecond'] });
		expect(promptContentHash({ turns: ['Hello world\nsecond '] })).toBe(a);
		expect(promptContentHash({ turns: ['Hello world\nthird'] })).not.toBe(a);
		expect(promptContentHash({ system: 'Be brief', turns: ['Hello world\nsecond'] })).not.toBe(a);
		expect(promptContentHash({ turns: ['Hello world', 'second'] })).not.toBe(a);
	});
});
