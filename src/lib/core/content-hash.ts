// Duplicate prompts are found by content, not id: two imports of the same row must collide even
// when the files differ in whitespace or line endings. Sync and pure (no Web Crypto) so it runs in
// workers, in the core and in the CLI alike; 106 bits from two seeded cyrb53 passes.

const SEPARATOR = 0x241e;

/**
 * Two cyrb53 hashes (seeds 1 and 2) of the parts joined by U+241E, in one pass over their UTF-16
 * code units. With `normalise`, each part is hashed as if trimmed, with every CR LF or lone CR
 * turned into LF and every run of spaces and tabs into one space, without building that text:
 * imports hash every row, and the strings regular expressions built cost a tenth of a
 * 100,000-row import. (Plain locals on purpose: a hasher object with fields was 4x slower.)
 */
function cyrb53Pair(parts: readonly string[], normalise: boolean): string {
	let a1 = 0xdeadbeef ^ 1;
	let a2 = 0x41c6ce57 ^ 1;
	let b1 = 0xdeadbeef ^ 2;
	let b2 = 0x41c6ce57 ^ 2;
	for (let part = 0; part < parts.length; part++) {
		// Trimming first is the same as trimming last: normalising maps whitespace to whitespace.
		const text = normalise ? (parts[part] as string).trim() : (parts[part] as string);
		for (let index = part > 0 ? -1 : 0; index < text.length; index++) {
			let code = index < 0 ? SEPARATOR : text.charCodeAt(index);
			if (normalise && code === 13) {
				if (text.charCodeAt(index + 1) === 10) continue;
				code = 10;
			} else if (normalise && (code === 32 || code === 9)) {
				while (text.charCodeAt(index + 1) === 32 || text.charCodeAt(index + 1) === 9) index++;
				code = 32;
			}
			a1 = Math.imul(a1 ^ code, 2654435761);
			a2 = Math.imul(a2 ^ code, 1597334677);
			b1 = Math.imul(b1 ^ code, 2654435761);
			b2 = Math.imul(b2 ^ code, 1597334677);
		}
	}
	return base36(finish(a1, a2)) + base36(finish(b1, b2));
}

function finish(h1: number, h2: number): number {
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `value.toString(36).padStart(11, '0')` for a whole number below 2^53 (at most 11 digits),
 * written out by hand: Number#toString(36) took a tenth of a 100,000-row import.
 */
export function base36(value: number): string {
	let text = '';
	for (let digit = 0; digit < 11; digit++) {
		text = (DIGITS[value % 36] as string) + text;
		value = Math.floor(value / 36);
	}
	return text;
}

export function hashText(text: string): string {
	return cyrb53Pair([text], false);
}

/**
 * The hash stored with every prompt item: of `[system ?? '', ...turns]`, each part trimmed and
 * with line endings and runs of spaces and tabs normalised (see cyrb53Pair). The tests hold it
 * to the first release's definition, written with regular expressions.
 */
export function promptContentHash(content: { system?: string; turns: readonly string[] }): string {
	return cyrb53Pair([content.system ?? '', ...content.turns], true);
}
