// Ids must never collide when files from many raters' machines are merged, and should sort by
// creation time so exports read in order: a UUIDv7 (48-bit ms timestamp + 74 random bits).
interface CryptoLike {
	getRandomValues<T extends Uint8Array>(array: T): T;
}

export type IdFactory = () => string;

function webCrypto(): CryptoLike {
	const crypto = (globalThis as { crypto?: CryptoLike }).crypto;
	if (!crypto) throw new Error('No Web Crypto API: ids cannot be made safely on this platform.');
	return crypto;
}

export function uuidv7(now: number = Date.now(), random: CryptoLike = webCrypto()): string {
	const bytes = random.getRandomValues(new Uint8Array(16));
	let time = Math.floor(now);
	for (let index = 5; index >= 0; index--) {
		bytes[index] = time % 256;
		time = Math.floor(time / 256);
	}
	bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
	bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
	const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const newId: IdFactory = () => uuidv7();

/** Deterministic ids for tests and for records derived from others (e.g. `trial:…`). */
export function sequentialIds(prefix = 'id'): IdFactory {
	let counter = 0;
	return () => `${prefix}-${++counter}`;
}
