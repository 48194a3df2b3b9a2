// A response that names a model, vendor or product can tell the rater which side is which. We do
// not hide such text (that would change the answer being judged); we find it, so the trial is
// flagged and the analysis can leave it out. Terms match whole words, case-insensitively, so
// "GPT" finds "GPT-4o" but "Grok" does not fire on "grokking".
import type { Endpoint, Response } from '../schema';

export const DEFAULT_LEAK_TERMS: readonly string[] = [
	'OpenAI',
	'ChatGPT',
	'GPT',
	'Anthropic',
	'Claude',
	'Google DeepMind',
	'DeepMind',
	'Gemini',
	'Gemma',
	'Bard',
	'Meta AI',
	'Llama',
	'Mistral',
	'Mixtral',
	'Qwen',
	'Alibaba Cloud',
	'DeepSeek',
	'Grok',
	'xAI',
	'Cohere',
	'Command R',
	'Microsoft Copilot',
	'Phi-3',
	'Phi-4',
	'Vicuna',
	'Falcon LLM',
	'Hugging Face',
	'Perplexity',
	'Moonshot',
	'Kimi',
	'Zhipu',
	'GLM-4',
	'Yi-Large',
	'Nemotron',
	'Ernie Bot'
];

export interface LeakMatch {
	term: string;
	/** The matched text with a little context, for a researcher to check. */
	excerpt: string;
}

const MIN_TERM_LENGTH = 2;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The terms to look for: the defaults, the study's own list, and every compared endpoint's label
 * and model (with the last path segment of ids like `org/model-name`).
 */
export function leakTermsFor(
	endpoints: readonly Pick<Endpoint, 'label' | 'model'>[],
	extra: readonly string[] = [],
	defaults: readonly string[] = DEFAULT_LEAK_TERMS
): string[] {
	const terms = new Map<string, string>();
	const add = (term: string) => {
		const trimmed = term.trim();
		if (trimmed.length >= MIN_TERM_LENGTH) terms.set(trimmed.toLowerCase(), trimmed);
	};
	for (const term of [...defaults, ...extra]) add(term);
	for (const endpoint of endpoints) {
		add(endpoint.label);
		add(endpoint.model);
		const tail = endpoint.model.split('/').at(-1);
		if (tail) add(tail);
	}
	return [...terms.values()];
}

export class LeakScanner {
	readonly #patterns: { term: string; pattern: RegExp }[];

	constructor(terms: readonly string[]) {
		this.#patterns = terms
			.filter((term) => term.trim().length >= MIN_TERM_LENGTH)
			.map((term) => ({
				term,
				pattern: new RegExp(
					`(?<![\\p{L}\\p{N}])${escapeRegExp(term.trim())}(?![\\p{L}\\p{N}])`,
					'iu'
				)
			}));
	}

	scan(text: string): LeakMatch[] {
		const matches: LeakMatch[] = [];
		for (const { term, pattern } of this.#patterns) {
			const found = pattern.exec(text);
			if (!found) continue;
			const start = Math.max(0, found.index - 30);
			const end = Math.min(text.length, found.index + found[0].length + 30);
			matches.push({ term, excerpt: text.slice(start, end).replace(/\s+/g, ' ').trim() });
		}
		return matches;
	}

	/** Matches in a response's assistant turns (answers and reasoning); user turns are ours. */
	scanResponse(response: Pick<Response, 'transcript'>): LeakMatch[] {
		const text = response.transcript
			.filter((message) => message.role === 'assistant')
			.map((message) => `${message.content}\n${message.reasoning ?? ''}`)
			.join('\n');
		return this.scan(text);
	}
}

export function scanForLeaks(text: string, terms: readonly string[]): LeakMatch[] {
	return new LeakScanner(terms).scan(text);
}
