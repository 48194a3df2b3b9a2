// Duplicate prompts are found by content, not id: two imports of the same row must collide even
// when the files differ in whitespace or line endings. Sync and pure (no Web Crypto) so it runs in
// workers, in the core and in the CLI alike; 106 bits from two seeded cyrb53 passes.
function cyrb53(text: string, seed: number): number {
	let h1 = 0xdeadbeef ^ seed;
	let h2 = 0x41c6ce57 ^ seed;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function hashText(text: string): string {
	return (
		cyrb53(text, 1).toString(36).padStart(11, '0') + cyrb53(text, 2).toString(36).padStart(11, '0')
	);
}

function normalise(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[ \t]+/g, ' ')
		.trim();
}

export function promptContentHash(content: { system?: string; turns: readonly string[] }): string {
	const parts = [normalise(content.system ?? ''), ...content.turns.map(normalise)];
	return hashText(parts.join('\u241e'));
}
