// Responses are keyed by (study, item, endpoint) through a deterministic id, so a resumed or
// repeated generation overwrites the one record instead of storing a second answer.
import { ResponseSchema, type Response } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import { requireStudy } from './study-gone';

export { responseId } from '$lib/core/plan/response-id';

/** Streaming progress: written every ~250 ms, so it skips validation on this hot path. */
export async function putResponseProgress(db: ArenaDB, response: Response): Promise<void> {
	await db.transaction('rw', db.studies, db.responses, async () => {
		await requireStudy(db, response.studyId);
		await db.responses.put(response);
	});
}

export async function saveResponse(db: ArenaDB, response: Response): Promise<Response> {
	const parsed = ResponseSchema.parse(response);
	await db.transaction('rw', db.studies, db.responses, async () => {
		await requireStudy(db, parsed.studyId);
		await db.responses.put(parsed);
	});
	return parsed;
}

export async function saveResponses(db: ArenaDB, responses: readonly Response[]): Promise<void> {
	const parsed = responses.map((response) => ResponseSchema.parse(response));
	await db.transaction('rw', db.studies, db.responses, async () => {
		for (const studyId of new Set(parsed.map((response) => response.studyId)))
			await requireStudy(db, studyId);
		await db.responses.bulkPut(parsed);
	});
}

export function responsesOfStudy(db: ArenaDB, studyId: string): Promise<Response[]> {
	return db.responses.where('studyId').equals(studyId).toArray();
}
