// The Results view analyses in a worker: what it answers must be the core's analysis of the
// study's records, read again when the study's version changes and only then.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '$lib/core/analysis/analyze';
import { buildJudgmentRecord } from '$lib/core/codecs/judgment-record';
import { ArenaDB } from '$lib/db/arena-db';
import { analysisWorkerApi } from '$lib/analysis/analysis-worker-api';
import { syntheticWorld, worldContexts } from '../core/analysis/synthetic';
import { seedWorld } from '../transfer/seed';

describe('analysis worker', () => {
	it('answers the core analysis of the stored study, and reads again for a new version', async () => {
		const db = new ArenaDB('analysis-worker');
		const world = syntheticWorld({ judgments: 60, items: 8 });
		await seedWorld(db, world);
		const records = [...worldContexts(world)].map(buildJudgmentRecord);
		const request = { database: db.name, studyId: world.study.id, version: 1, options: {} };
		const first = await analysisWorkerApi.analyse(request);
		expect(first.analysis).toEqual(analyzeStudy(records));
		expect(first.incomplete).toBe(0);
		// Options change the analysis, not the records read.
		const without = await analysisWorkerApi.analyse({
			...request,
			options: { excludeRaters: ['rater-0'] }
		});
		expect(without.analysis).toEqual(analyzeStudy(records, { excludeRaters: ['rater-0'] }));

		// A judgment whose trial is gone: the same version still answers from what it read...
		const [dropped] = world.judgments;
		await db.trials.delete(dropped?.trialId ?? '');
		expect((await analysisWorkerApi.analyse(request)).incomplete).toBe(0);
		// ...and the next version reads the study again.
		const next = await analysisWorkerApi.analyse({ ...request, version: 2 });
		expect(next.incomplete).toBeGreaterThan(0);
		db.close();
	});

	it('answers no analysis for a study without judgments', async () => {
		const db = new ArenaDB('analysis-worker-empty');
		const reply = await analysisWorkerApi.analyse({
			database: db.name,
			studyId: 'nothing-here',
			version: 1,
			options: {}
		});
		expect(reply).toEqual({
			analysis: undefined,
			judges: [],
			humanEffort: undefined,
			incomplete: 0
		});
	});
});
