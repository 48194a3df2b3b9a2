// The judging snapshot is read while the schemas may still be downloading (the Arena loads them
// beside its first read). A stored draft must still come back, not a "committed too early" error.
import { describe, expect, it, vi } from 'vitest';
import { draftKey } from '$lib/db/repos/judgments';
import { loadJudgingSnapshot } from '$lib/db/repos/trials';
import { makeStudy } from '../factories';
import { testDb } from './test-db';

vi.mock('$lib/core/schema/load', () => ({
	loadSchemas: async () => {
		await new Promise((resolve) => setTimeout(resolve, 50));
		return import('$lib/core/schema');
	}
}));

describe('judging snapshot while the schemas load', () => {
	it('returns the stored draft', async () => {
		const db = testDb();
		await db.studies.put(makeStudy());
		const draft = {
			key: draftKey('study-1', 'rater-ada'),
			trialId: 'trial-1',
			overall: 'tie' as const,
			traitChoices: {},
			flags: { left: [], right: [] },
			rationale: 'half',
			startedAt: '2026-11-23T10:00:00.000Z',
			updatedAt: '2026-11-23T10:00:00.000Z'
		};
		await db.drafts.put(draft);
		const snapshot = await loadJudgingSnapshot(db, 'study-1', 'rater-ada');
		expect(snapshot?.draft).toEqual(draft);
	});
});
