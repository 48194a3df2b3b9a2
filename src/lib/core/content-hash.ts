// Duplicate prompts are found by content, not id: two imports of the same row must collide even
// when the files differ in whitespace or line endings. Sync and pure (no Web Crypto) so it runs in
// workers, in the core and in the CLI alike; 106 bits from two seeded cyrb53 passes.

/** cyrb53 of the text's UTF-16 code units, in base 36 padded to 11 digits. */
function cyrb53(text: string, seed: number): string {
	let h1 = 0xdeadbeef ^ seed;
	let h2 = 0x41c6ce57 ^ seed;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

export function hashText(text: string): string {
	return cyrb53(text, 1) + cyrb53(text, 2);
}

/** Trimmed, with CR LF and lone CR turned into LF and runs of spaces and tabs into one space. */
function normalise(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[ \t]{2,}|\t/g, ' ')
		.trim();
}

/**
 * The hash stored with every prompt item: of `[system ?? '', ...turns]`, each part normalised,
 * joined by U+241E. Stored hashes are compared with later imports, so this must never change.
 */
export function promptContentHash(content: { system?: string; turns: readonly string[] }): string {
	return hashText([content.system ?? '', ...content.turns].map(normalise).join('\u241e'));
}
