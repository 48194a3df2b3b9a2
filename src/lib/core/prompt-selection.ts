// Saving a selection of prompt items as a named set: the name rules and the set record. The items
// stay where they are; the new set lists them as members, so an item can belong to several sets
// and nothing is copied or imported again.
import { MAX_SET_MEMBERS, PromptSetSchema, type PromptItem, type PromptSet } from './schema';

export const MAX_SET_NAME = 200;

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** Names compare without case and surrounding or repeated spaces: "Pilot  A" clashes with "pilot a". */
export function setNameKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The trimmed name, or a message saying what is wrong with it (naming the set it clashes with). */
export function checkSetName(raw: string, existing: readonly Pick<PromptSet, 'name'>[]): NameCheck {
	const name = raw.trim();
	if (name === '') return { ok: false, message: 'Give the new set a name.' };
	if (name.length > MAX_SET_NAME)
		return { ok: false, message: `Keep the set name under ${MAX_SET_NAME} characters.` };
	const key = setNameKey(name);
	const clash = existing.find((set) => setNameKey(set.name) === key);
	if (clash)
		return {
			ok: false,
			message: `A prompt set named “${clash.name}” already exists: choose another name.`
		};
	return { ok: true, name };
}

/** Each id once, in the order first given. */
export function uniqueIds(ids: Iterable<string>): string[] {
	return [...new Set(ids)];
}

export interface SelectionSetInput {
	id: string;
	name: string;
	memberIds: readonly string[];
	createdAt: string;
	description?: string;
}

/** The record of a set whose items are the members listed (validated: throws on a bad input). */
export function selectionSet(input: SelectionSetInput): PromptSet {
	const memberIds = uniqueIds(input.memberIds);
	if (memberIds.length === 0) throw new Error('The selection is empty: there is nothing to save.');
	if (memberIds.length > MAX_SET_MEMBERS)
		throw new Error(
			`A set can list at most ${MAX_SET_MEMBERS.toLocaleString('en')} items; the selection has ${memberIds.length.toLocaleString('en')}.`
		);
	return PromptSetSchema.parse({
		id: input.id,
		name: input.name.trim(),
		version: '1',
		origin: 'custom',
		...(input.description ? { description: input.description } : {}),
		memberIds,
		createdAt: input.createdAt
	});
}

/** Whether the item belongs to the set: its own item, or one the set lists as a member. */
export function belongsTo(
	item: Pick<PromptItem, 'id' | 'setId'>,
	setId: string,
	members: ReadonlySet<string>
): boolean {
	return item.setId === setId || members.has(item.id);
}

/**
 * A set and its items as one self-contained file holds them: members become the set's own items
 * and the member list is dropped, so the file imports anywhere as an ordinary set.
 */
export function standaloneSet(
	set: PromptSet,
	items: readonly PromptItem[]
): { set: PromptSet; items: PromptItem[] } {
	const { memberIds: _members, ...own } = set;
	return { set: own, items: items.map((item) => ({ ...item, setId: set.id })) };
}
