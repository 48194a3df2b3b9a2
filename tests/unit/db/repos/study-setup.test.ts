import { describe, expect, it } from 'vitest';
import { studyOverview } from '$lib/db/repos/study-setup';
import { makeJudgment, makeStudy } from '../../factories';
import { testDb } from '../test-db';

describe('study overview', () => {
	it('counts human judgments and raters apart from model-judge verdicts and judges', async () => {
		const db = testDb();
		await db.studies.add(makeStudy());
		await db.judgments.bulkAdd([
			makeJudgment({ id: 'h1', trialId: 't1', raterId: 'ada' }),
			makeJudgment({ id: 'h2', trialId: 't2', raterId: 'ada' }),
			makeJudgment({ id: 'h3', trialId: 't1', raterId: 'bo' }),
			// A human whose chosen id looks like a judge's is still a human.
			makeJudgment({ id: 'h4', trialId: 't1', raterId: 'judge:ep-x' }),
			...['t1', 't2', 't3'].map((trialId) =>
				makeJudgment({
					id: `j-${trialId}`,
					trialId,
					raterId: 'judge:ep-judge',
					raterKind: 'model',
					judgeId: 'ep-judge'
				})
			),
			makeJudgment({ id: 'other-study', studyId: 'study-2', raterId: 'cy' })
		]);
		expect(await studyOverview(db, 'study-1')).toMatchObject({
			judgments: 4,
			raters: 3,
			judgeVerdicts: 3,
			judges: 1
		});
	});
});
