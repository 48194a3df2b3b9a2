// A copy of the rater's draft in sessionStorage, written in the same task as every edit. The
// IndexedDB draft is written asynchronously, and a write still in flight when the page goes away
// (a reload the instant after an edit) is lost with the page; sessionStorage is written before the
// edit's handler returns and survives a reload of the tab. The IndexedDB draft is still the one
// that survives a crash, a closed tab or another tab. Drafts hold choices and text only: nothing
// in them names an endpoint.
import type { Draft } from '$lib/core/schema';

export interface DraftMirror {
	put(draft: Draft): void;
	/** What was mirrored under the key (unchecked: parse it before use). */
	get(key: string): unknown;
	remove(key: string): void;
}

const PREFIX = 'trait-arena:draft:';

/** The tab's sessionStorage as a mirror; a storage that refuses (full, disabled) is ignored. */
export function sessionDraftMirror(
	storage:
		Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = globalThis.sessionStorage
): DraftMirror {
	const quietly = <T>(work: () => T): T | undefined => {
		try {
			return work();
		} catch {
			return undefined;
		}
	};
	return {
		put: (draft) => quietly(() => storage?.setItem(PREFIX + draft.key, JSON.stringify(draft))),
		get: (key) =>
			quietly(() => {
				const text = storage?.getItem(PREFIX + key);
				return text ? (JSON.parse(text) as unknown) : undefined;
			}),
		remove: (key) => quietly(() => storage?.removeItem(PREFIX + key))
	};
}

/** The later of two drafts of the same rater and study (by their last edit). */
export function laterDraft(a: Draft | undefined, b: Draft | undefined): Draft | undefined {
	if (!a || !b) return a ?? b;
	return Date.parse(b.updatedAt) > Date.parse(a.updatedAt) ? b : a;
}
