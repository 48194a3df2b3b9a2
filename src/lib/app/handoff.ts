// Hands a selection from one area to another (e.g. filtered prompts → new study) without putting
// ids in the URL. sessionStorage keeps it per tab and survives the navigation.
const STUDY_ITEMS_KEY = 'trait-arena:new-study-items';
const ARENA_NOTICE_KEY = 'trait-arena:arena-notice';

/** A sentence for the Arena to show on arrival (e.g. what the bundle just opened holds). */
export function offerArenaNotice(text: string): void {
	sessionStorage.setItem(ARENA_NOTICE_KEY, text);
}

export function takeArenaNotice(): string | undefined {
	const text = sessionStorage.getItem(ARENA_NOTICE_KEY) ?? undefined;
	sessionStorage.removeItem(ARENA_NOTICE_KEY);
	return text;
}

export function offerStudyItems(itemIds: readonly string[]): void {
	sessionStorage.setItem(STUDY_ITEMS_KEY, JSON.stringify(itemIds));
}

export function takeStudyItems(): string[] | undefined {
	const raw = sessionStorage.getItem(STUDY_ITEMS_KEY);
	if (!raw) return undefined;
	sessionStorage.removeItem(STUDY_ITEMS_KEY);
	try {
		const parsed: unknown = JSON.parse(raw);
		return Array.isArray(parsed)
			? parsed.filter((id): id is string => typeof id === 'string')
			: undefined;
	} catch {
		return undefined;
	}
}
