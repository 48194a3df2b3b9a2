// Text helpers shared by the answer generators and the protocol layer. Tokens are
// whitespace-separated words so `max_tokens` cuts and usage counts are predictable from the text
// alone; joining the tokens must give back the exact text, or `mock-echo` would alter XSS payloads.

/** Splits text into word tokens that concatenate back to exactly `text`. */
export function splitTokens(text: string): string[] {
	const tokens = text.match(/\S+\s*/g) ?? [];
	const lead = /^\s+/.exec(text)?.[0] ?? '';
	if (lead === '') return tokens;
	if (tokens.length === 0) return [lead];
	tokens[0] = lead + tokens[0];
	return tokens;
}

export function countWords(text: string): number {
	return text.match(/\S+/g)?.length ?? 0;
}

/** FNV-1a: stable across runs and platforms, which `Math.random` and object order are not. */
export function hashString(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** Picks one option; `salt` lets one hash drive several independent choices. */
export function pick<T>(options: readonly T[], hash: number, salt = 0): T {
	const index = hashString(`${hash}:${salt}`) % options.length;
	const chosen = options[index];
	if (chosen === undefined) throw new Error('pick() needs at least one option');
	return chosen;
}

/** A short, single-line excerpt so answers visibly depend on the prompt without growing with it. */
export function shortQuote(text: string, maxWords = 8): string {
	const words = text.replace(/["“”]/g, "'").match(/\S+/g) ?? [];
	if (words.length === 0) return '…';
	// Trailing stops are dropped because the templates close the sentence around the quote.
	const head = words
		.slice(0, maxWords)
		.join(' ')
		.replace(/[.,;:]+$/, '');
	return words.length > maxWords ? `${head}…` : head;
}
