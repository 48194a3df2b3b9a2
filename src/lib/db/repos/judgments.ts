// Committing a judgment and clearing the rater's draft happen in one transaction: after a crash
// either the judgment exists and the form is gone, or the form is still there to submit. The same
// transaction holds the one-verdict rule: a rater has at most one judgment per trial, whatever
// tabs or devices they judge from (an edit keeps the judgment's id and replaces it).
import type { Draft, Judgment } from '$lib/core/schema';
import { loadSchemas, loadedSchemas } from '$lib/core/schema/load';
import type { ArenaDB } from '../arena-db';
import { requireStudy } from './study-gone';

export { StudyGoneError } from './study-gone';

export function draftKey(studyId: string, raterId: string): string {
	return `${studyId}:${raterId}`;
}

/** The rater already has a verdict for this trial (committed elsewhere, e.g. another tab). */
export class VerdictExistsError extends Error {
	override name = 'VerdictExistsError';
	constructor(readonly existing: Judgment) {
		super(`This trial already has a verdict from ${existing.raterId}; it was not recorded twice.`);
	}
}

export async function commitJudgment(db: ArenaDB, judgment: Judgment): Promise<Judgment> {
	const { JudgmentSchema } = loadedSchemas() ?? (await loadSchemas());
	const parsed = JudgmentSchema.parse(judgment);
	await db.transaction('rw', db.studies, db.judgments, db.drafts, async () => {
		await requireStudy(db, parsed.studyId);
		const existing = await db.judgments
			.where('[trialId+raterId]')
			.equals([parsed.trialId, parsed.raterId])
			.first();
		if (existing && existing.id !== parsed.id) throw new VerdictExistsError(existing);
		await db.judgments.put(parsed);
		await db.drafts.delete(draftKey(parsed.studyId, parsed.raterId));
	});
	return parsed;
}

/** Removes the rater's latest judgment in the study and returns it (to refill the form). */
export async function undoLastJudgment(
	db: ArenaDB,
	studyId: string,
	raterId: string
): Promise<Judgment | undefined> {
	return db.transaction('rw', db.judgments, db.drafts, async () => {
		const mine = await db.judgments.where('[studyId+raterId]').equals([studyId, raterId]).toArray();
		const last = mine
			.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
			.at(-1);
		if (!last) return undefined;
		await db.judgments.delete(last.id);
		await db.drafts.delete(draftKey(studyId, raterId));
		return last;
	});
}

export function judgmentsOfRater(
	db: ArenaDB,
	studyId: string,
	raterId: string
): Promise<Judgment[]> {
	return db.judgments.where('[studyId+raterId]').equals([studyId, raterId]).toArray();
}

export async function saveDraft(db: ArenaDB, draft: Draft): Promise<void> {
	const { DraftSchema } = loadedSchemas() ?? (await loadSchemas());
	await db.drafts.put(DraftSchema.parse(draft));
}

/**
 * A stored draft as the arena reads it. Parse it outside any transaction: the schemas may still be
 * loading, and awaiting that inside one would let IndexedDB commit it under Dexie's feet.
 */
export async function parseStoredDraft(raw: unknown): Promise<Draft | undefined> {
	if (!raw) return undefined;
	// A draft that no longer parses (older app) is dropped rather than crashing the arena.
	const { DraftSchema } = await loadSchemas();
	const parsed = DraftSchema.safeParse(raw);
	return parsed.success ? parsed.data : undefined;
}
