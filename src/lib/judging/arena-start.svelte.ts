// Entering the arena: make sure the no-key demo exists, remember who is rating (a pseudonym, on
// this device only) and which study they last opened. Kept apart from JudgingSession because it
// runs before any study is chosen and owns no judging state.
import { hrefFor } from '$lib/app/routes';
import type { Study } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { getSetting, setSetting } from '$lib/db/repos/settings';
import { DEMO_INSTALLED_KEY, DEMO_STUDY_ID } from '$lib/demo/demo-ids';

export const RATER_SETTING = 'arena:rater-id';
export const LAST_STUDY_SETTING = 'arena:last-study';
const DEMO_GUEST = 'demo-guest';

/** A problem with a proposed rater id, or undefined when it is fine. */
export function raterIdProblem(text: string): string | undefined {
	const id = text.trim();
	if (!id) return 'Enter a rater ID (a pseudonym such as rater-07).';
	if (id.includes('@')) return 'Use a pseudonym, not an e-mail address.';
	if (id.length > 64) return 'Keep the rater ID to 64 characters or fewer.';
	if (!/^[A-Za-z0-9._-]+$/.test(id)) {
		return 'Use only letters, digits, dots, hyphens and underscores (no spaces).';
	}
	return undefined;
}

/** Which study the picker offers first: the last one used, else the demo, else the newest. */
export function defaultStudyId(
	studies: readonly Pick<Study, 'id'>[],
	preferred: string | undefined
): string | undefined {
	const has = (id: string | undefined) => id !== undefined && studies.some((s) => s.id === id);
	if (has(preferred)) return preferred;
	if (has(DEMO_STUDY_ID)) return DEMO_STUDY_ID;
	return studies[0]?.id;
}

export class ArenaEntry {
	ready = $state(false);
	raterId = $state<string | undefined>(undefined);
	lastStudyId = $state<string | undefined>(undefined);
	error = $state<string | undefined>(undefined);

	readonly #db: () => ArenaDB;
	readonly #navigate: (hash: string) => void;

	constructor(
		db: () => ArenaDB = getDb,
		navigate: (hash: string) => void = (hash) => (location.hash = hash)
	) {
		this.#db = db;
		this.#navigate = navigate;
	}

	async load(): Promise<void> {
		try {
			const db = this.#db();
			// Loaded only to install the demo (a browser's first visit), not with the Arena.
			if (!(await getSetting<unknown>(db, DEMO_INSTALLED_KEY, undefined))) {
				await (await import('$lib/demo/seed-demo')).seedDemo(db);
			}
			const rater = await getSetting<unknown>(db, RATER_SETTING, undefined);
			const last = await getSetting<unknown>(db, LAST_STUDY_SETTING, undefined);
			this.raterId = typeof rater === 'string' && !raterIdProblem(rater) ? rater : undefined;
			this.lastStudyId = typeof last === 'string' ? last : undefined;
		} catch (error) {
			this.error = describeStorageError(error);
		} finally {
			this.ready = true;
		}
	}

	/** The first screen's shortcut: the demo study, under the rater id typed or a guest one. */
	tryDemo(raterId: string): Promise<boolean> {
		return this.begin(raterId.trim() || DEMO_GUEST, DEMO_STUDY_ID);
	}

	async begin(raterId: string, studyId: string | undefined): Promise<boolean> {
		const problem = raterIdProblem(raterId) ?? (studyId ? undefined : 'Choose a study.');
		if (problem || !studyId) {
			this.error = problem;
			return false;
		}
		const id = raterId.trim();
		try {
			const db = this.#db();
			await setSetting(db, RATER_SETTING, id);
			await setSetting(db, LAST_STUDY_SETTING, studyId);
		} catch (error) {
			this.error = describeStorageError(error);
			return false;
		}
		this.error = undefined;
		this.raterId = id;
		this.lastStudyId = studyId;
		this.#navigate(hrefFor('arena', studyId));
		return true;
	}
}
