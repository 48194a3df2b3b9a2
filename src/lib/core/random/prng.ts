// A seeded PRNG so side assignment, rater order and bootstraps are reproducible from the study
// seed alone. sfc32 passes PractRand; seeds come from text through a string hash.
export type Random = () => number;

export function sfc32(a: number, b: number, c: number, d: number): Random {
	return () => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
}

/** xmur3 string hash → 32-bit seeds. */
function seedsFrom(text: string): [number, number, number, number] {
	let h = 1779033703 ^ text.length;
	for (let index = 0; index < text.length; index++) {
		h = Math.imul(h ^ text.charCodeAt(index), 3432918353);
		h = (h << 13) | (h >>> 19);
	}
	const next = () => {
		h = Math.imul(h ^ (h >>> 16), 2246822507);
		h = Math.imul(h ^ (h >>> 13), 3266489909);
		return (h ^= h >>> 16) >>> 0;
	};
	return [next(), next(), next(), next()];
}

export function seededRandom(...parts: (string | number)[]): Random {
	const random = sfc32(...seedsFrom(parts.join('\u0000')));
	// Warm up: the first outputs of sfc32 correlate with close seeds.
	for (let index = 0; index < 15; index++) random();
	return random;
}

export function randomInt(random: Random, maxExclusive: number): number {
	return Math.floor(random() * maxExclusive);
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
	const copy = items.slice();
	for (let index = copy.length - 1; index > 0; index--) {
		const other = randomInt(random, index + 1);
		const held = copy[index] as T;
		copy[index] = copy[other] as T;
		copy[other] = held;
	}
	return copy;
}

/** A fresh 32-bit seed for a new study. */
export function newSeed(random: Random = Math.random): number {
	return Math.floor(random() * 0x1_0000_0000) >>> 0;
}
