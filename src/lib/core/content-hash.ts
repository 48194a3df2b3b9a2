// Duplicate prompts are found by content, not id: two imports of the same row must collide even
// when the files differ in whitespace or line endings. Sync and pure (no Web Crypto) so it runs in
// workers, in the core and in the CLI alike; 106 bits from two seeded cyrb53 passes.
/** Two cyrb53 hashes (seeds 1 and 2) of the text, in one pass over its characters. */
function cyrb53Pair(text: string): [number, number] {
	let a1 = 0xdeadbeef ^ 1;
	let a2 = 0x41c6ce57 ^ 1;
	let b1 = 0xdeadbeef ^ 2;
	let b2 = 0x41c6ce57 ^ 2;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		a1 = Math.imul(a1 ^ code, 2654435761);
		a2 = Math.imul(a2 ^ code, 1597334677);
		b1 = Math.imul(b1 ^ code, 2654435761);
		b2 = Math.imul(b2 ^ code, 1597334677);
	}
	return [finish(a1, a2), finish(b1, b2)];
}

function finish(h1: number, h2: number): number {
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function hashText(text: string): string {
	const [first, second] = cyrb53Pair(text);
	return first.toString(36).padStart(11, '0') + second.toString(36).padStart(11, '0');
}

// Same result as collapsing every run of spaces and tabs to one space, but a lone space (nearly
// every match) is left alone instead of being rebuilt into a new string.
function normalise(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[ \t]{2,}|\t/g, ' ')
		.trim();
}

export function promptContentHash(content: { system?: string; turns: readonly string[] }): string {
	const parts = [normalise(content.system ?? ''), ...content.turns.map(normalise)];
	return hashText(parts.join('\u241e'));
}
