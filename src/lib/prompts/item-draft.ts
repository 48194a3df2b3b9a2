// The item editor works on a flat, form-friendly draft (lists as comma-separated text, empty
// strings for "none") and turns it back into a validated PromptItem in one place, so the
// editor's rules (no empty first turn, empty follow-ups dropped, labels as slugs) are testable
// without a browser.
import { slugList, slugify, traitSlug } from '$lib/core/codecs/import';
import { promptContentHash } from '$lib/core/content-hash';
import { formatIssue, zodIssues } from '$lib/core/errors';
import { PromptItemSchema, type PromptItem } from '$lib/core/schema';

export interface ItemDraft {
	/** Absent for a new item. */
	id?: string;
	setId: string;
	system: string;
	/** First user turn, then scripted follow-up turns. */
	turns: string[];
	traits: string;
	domain: string;
	tags: string;
	raterNote: string;
	reference: string;
}

export function draftFromItem(item: PromptItem | undefined, setId: string): ItemDraft {
	return {
		id: item?.id,
		setId: item?.setId ?? setId,
		system: item?.system ?? '',
		turns: item ? [...item.turns] : [''],
		traits: item?.traits.join(', ') ?? '',
		domain: item?.domain ?? '',
		tags: item?.tags.join(', ') ?? '',
		raterNote: item?.raterNote ?? '',
		reference: item?.reference ?? ''
	};
}

export interface DraftContext {
	now: string;
	newId: () => string;
	existing?: PromptItem;
}

export type DraftResult = { item: PromptItem; errors: [] } | { item?: undefined; errors: string[] };

const LABELS: Readonly<Record<string, string>> = {
	turns: 'Prompt',
	system: 'System message',
	traits: 'Traits',
	domain: 'Domain',
	tags: 'Tags',
	raterNote: 'Rater note',
	reference: 'Reference answer'
};

function label(field: string | undefined): string {
	if (!field) return '';
	const [head = '', index] = field.split(/[[.\]]/).filter(Boolean);
	if (head === 'turns' && index !== undefined && index !== '0') return `Follow-up turn ${index}`;
	return LABELS[head] ?? field;
}

export function itemFromDraft(draft: ItemDraft, context: DraftContext): DraftResult {
	const [first = '', ...followUps] = draft.turns;
	const turns = [first, ...followUps.filter((turn) => turn.trim() !== '')];
	const system = draft.system.trim() ? draft.system : undefined;
	const existing = context.existing;
	const candidate = {
		id: draft.id ?? context.newId(),
		setId: draft.setId,
		...(system ? { system } : {}),
		turns,
		traits: slugList(draft.traits, traitSlug),
		...(slugify(draft.domain) ? { domain: slugify(draft.domain) } : {}),
		tags: slugList(draft.tags),
		...(draft.raterNote.trim() ? { raterNote: draft.raterNote.trim() } : {}),
		...(draft.reference.trim() ? { reference: draft.reference.trim() } : {}),
		source: existing?.source ?? { dataset: 'hand-made' },
		contentHash: promptContentHash({ system, turns }),
		createdAt: existing?.createdAt ?? context.now
	};
	const parsed = PromptItemSchema.safeParse(candidate);
	if (parsed.success) return { item: parsed.data, errors: [] };
	return {
		errors: zodIssues(parsed.error, candidate).map((issue) =>
			formatIssue({ ...issue, field: label(issue.field), value: undefined })
		)
	};
}
