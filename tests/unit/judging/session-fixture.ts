// A small study in a fresh fake-indexeddb database, for the judging session tests. Each
// endpoint's answers carry its own marker word, so a test can tell which endpoint sits on a side
// from the BlindTrial text alone, as a rater would have to.
import { planTrials } from '$lib/core/plan/plan-trials';
import { responseId } from '$lib/core/plan/response-id';
import { fixedClock } from '$lib/core/clock';
import { sequentialIds } from '$lib/core/ids';
import type { Study } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { saveEndpoint } from '$lib/db/repos/endpoints';
import { addPromptSet } from '$lib/db/repos/prompts';
import { saveResponses } from '$lib/db/repos/responses';
import { createStudy } from '$lib/db/repos/studies';
import { JudgingSession, type JudgingDeps } from '$lib/judging/session.svelte';
import { makeEndpoint, makeItem, makePromptSet, makeResponse, makeStudy, T0 } from '../factories';
import { testDb } from '../db/test-db';

export const MARKER: Record<string, string> = { 'ep-baseline': 'KIWI', 'ep-trained': 'MANGO' };

export async function seedStudy(
	db: ArenaDB,
	count: number,
	overrides: Partial<Study> = {},
	answer: (endpointId: string, itemId: string) => string = (endpointId, itemId) =>
		`${MARKER[endpointId]} answer to ${itemId}.`
): Promise<Study> {
	const items = Array.from({ length: count }, (_, index) =>
		makeItem({
			id: `item-${index + 1}`,
			turns: [`Question number ${index + 1}?`],
			contentHash: `hash-${index + 1}`
		})
	);
	const study = makeStudy({ itemIds: items.map((item) => item.id), ...overrides });
	await saveEndpoint(db, makeEndpoint({ id: 'ep-baseline', label: 'Baseline 7B' }));
	await saveEndpoint(
		db,
		makeEndpoint({ id: 'ep-trained', label: 'Trained 7B', role: 'trained', model: 'mock-trained' })
	);
	await addPromptSet(db, makePromptSet(), items);
	await createStudy(db, study, planTrials(study, items));
	await saveResponses(
		db,
		items.flatMap((item) =>
			study.endpointIds.map((endpointId) =>
				makeResponse({
					id: responseId(study.id, item.id, endpointId),
					studyId: study.id,
					itemId: item.id,
					endpointId,
					transcript: [
						{ role: 'user', content: item.turns[0] ?? '' },
						{ role: 'assistant', content: answer(endpointId, item.id) }
					]
				})
			)
		)
	);
	return study;
}

export interface Harness {
	db: ArenaDB;
	now: { value: number };
	session: (deps?: JudgingDeps) => JudgingSession;
}

export function harness(db: ArenaDB = testDb()): Harness {
	const now = { value: 0 };
	const ids = sequentialIds('judgment');
	const clock = fixedClock(T0, 1_000);
	return {
		db,
		now,
		session: (deps = {}) =>
			new JudgingSession({
				db: () => db,
				clock,
				now: () => now.value,
				newId: () => ids().replace(/-(\d+)$/, (_, n: string) => `-${n.padStart(4, '0')}`),
				draftDelayMs: 5,
				...deps
			})
	};
}

/** Which endpoint's answer is on the left of the session's current trial (by marker word). */
export function leftEndpoint(session: JudgingSession): string | undefined {
	const text = session.trial?.left[0]?.text ?? '';
	return Object.keys(MARKER).find((id) => text.includes(MARKER[id] ?? '\u0000'));
}
