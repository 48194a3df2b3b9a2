// MT-Bench (Zheng et al., 2023): two-turn user conversations. Turn 2 is a scripted follow-up,
// sent after each model's own first answer. Most rows test general helpfulness; the few that
// probe our traits (per the dataset notes) get traits, a domain and tags by question id.
import { FieldReader, slugify, unique } from './fields';
import type { DatasetFormat, MapContext, MapResult, SourceRecord } from './types';

interface Extra {
	traits?: string[];
	domain?: string;
	tags?: string[];
}

const BY_ID: Readonly<Record<number, Extra>> = {
	93: { traits: ['well-being'], domain: 'health', tags: ['safety'] },
	94: { traits: ['well-being'], tags: ['disclosure'] },
	96: { traits: ['truthfulness'], tags: ['sycophancy', 'pressure'] },
	101: { traits: ['epistemic-humility'] },
	147: { domain: 'engineering' },
	148: { domain: 'engineering' },
	153: { domain: 'law' },
	154: { domain: 'education' }
};

const CATEGORY_DOMAINS: Readonly<Record<string, string>> = {
	stem: 'science',
	coding: 'engineering'
};

function reference(value: unknown): string | undefined {
	if (!Array.isArray(value)) return undefined;
	const parts = value
		.map((entry, index) =>
			typeof entry === 'string' && entry.trim() ? `Turn ${index + 1}: ${entry}` : ''
		)
		.filter(Boolean);
	return parts.length ? parts.join('\n\n') : undefined;
}

function map(record: SourceRecord, context: MapContext): MapResult {
	const fields = new FieldReader(record, context);
	const turns = fields.textList('turns');
	const category = fields.optionalText('category') ?? '';
	const id = record.value['question_id'];
	if (turns === undefined) return { issues: fields.issues };
	const extra = typeof id === 'number' ? (BY_ID[id] ?? {}) : {};
	return {
		draft: {
			turns,
			traits: extra.traits ?? [],
			domain: extra.domain ?? CATEGORY_DOMAINS[category],
			tags: unique(
				[slugify(category), turns.length > 1 ? 'multi-turn' : '', ...(extra.tags ?? [])].filter(
					Boolean
				)
			),
			reference: reference(record.value['reference']),
			key: typeof id === 'number' || typeof id === 'string' ? String(id) : undefined
		},
		issues: fields.issues
	};
}

export const mtBench: DatasetFormat = {
	id: 'mt-bench',
	label: 'MT-Bench',
	dataset: 'mt-bench',
	kinds: ['jsonl'],
	required: ['turns'],
	sources: { turns: 'turns', domain: 'category', tags: 'category', reference: 'reference' },
	match(file, table) {
		const columns = new Set(table.columns);
		if (columns.has('question_id') && columns.has('turns') && columns.has('category'))
			return 'content';
		return /mt[-_ ]?bench/i.test(file) ? 'name' : false;
	},
	setInfo: () => ({
		name: 'MT-Bench',
		description:
			'Zheng et al. (2023), "Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena" (lm-sys/FastChat).',
		license: 'Apache-2.0'
	}),
	map
};
