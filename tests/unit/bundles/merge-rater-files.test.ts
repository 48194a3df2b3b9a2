import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/core/random/prng';
import type { Judgment } from '$lib/core/schema';
import { commitJudgment } from '$lib/db/repos/judgments';
import type { ArenaDB } from '$lib/db/arena-db';
import { exportStudyBundle } from '$lib/bundles/export-bundle';
import { BundleOpener } from '$lib/bundles/open-bundle.svelte';
import { exportRaterJudgments, parseRaterFile, raterFileName } from '$lib/bundles/rater-file';
import { RaterFileMerger, mergeRaterFile } from '$lib/bundles/merge-rater-files.svelte';
import { testDb } from '../db/test-db';
import { seedResearcher, SECRETS } from './study-fixture';
import { judgmentOn } from '../factories';

const T = '2026-11-24T09:00:00.000Z';

/** Judges every trial of the bundle as a rater would: prefers the right side. */
async function judgeAll(
	db: ArenaDB,
	raterId: string,
	overall: Judgment['overall'] = 'right-better'
) {
	const trials = await db.trials.toArray();
	for (const trial of trials) {
		await commitJudgment(
			db,
			judgmentOn(trial, {
				id: `${raterId}-${trial.id}`,
				raterId,
				overall,
				skipReason: null,
				winnerEndpointId: overall === 'right-better' ? trial.rightEndpointId : null,
				traitChoices: {},
				flags: { left: [], right: [] },
				rationale: '',
				decisionMs: 1000,
				createdAt: T,
				updatedAt: T
			})
		);
	}
}

async function machines() {
	const researcher = testDb();
	await seedResearcher(researcher);
	const bundle = await exportStudyBundle(researcher, 'study-1', { random: seededRandom(3) });
	const rater = testDb();
	const opener = new BundleOpener({ db: () => rater, navigate: () => undefined });
	const file = Object.assign(new Blob([bundle.bytes]), { name: bundle.fileName });
	expect(await opener.openFile(file)).toBeDefined();
	return { researcher, rater };
}

async function raterFile(rater: ArenaDB, raterId: string) {
	const { fileName, text } = await exportRaterJudgments(
		rater,
		'study-1',
		raterId,
		() => new Date(T)
	);
	return { name: fileName, text: async () => text, raw: text };
}

describe('rater judgments file', () => {
	it('is named with study and rater, and holds only opaque endpoint ids', async () => {
		const { rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		const file = await raterFile(rater, 'rater-ada');
		expect(file.name).toBe('pilot.rater-ada.judgments.json');
		const parsed = parseRaterFile(file.raw, file.name);
		expect(parsed).toMatchObject({ studyId: 'study-1', raterId: 'rater-ada', schema: 1 });
		expect(parsed.judgments).toHaveLength(2);
		for (const secret of SECRETS) expect(file.raw).not.toContain(secret);
		expect(raterFileName('Pilot', 'Ada Lovelace!')).toBe('pilot.ada-lovelace.judgments.json');
	});

	it('refuses foreign, newer and invalid files with the row at fault', () => {
		expect(() => parseRaterFile('{"format":"x"}', 'a.json')).toThrow(/not a Trait Arena rater/);
		expect(() => parseRaterFile('{', 'a.json')).toThrow(/not whole JSON/);
		const base = { format: 'trait-arena/rater-judgments', studyId: 's', raterId: 'r' };
		expect(() =>
			parseRaterFile(JSON.stringify({ ...base, schema: 2, judgments: [] }), 'n.json')
		).toThrow(/newer Trait Arena/);
		expect(() =>
			parseRaterFile(JSON.stringify({ ...base, schema: 1, judgments: [{ id: 'x' }] }), 'i.json')
		).toThrow(/i.json, row 1/);
	});
});

describe('merging rater files', () => {
	it('maps opaque ids back to the real endpoints and reports per file', async () => {
		const { researcher, rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		await judgeAll(rater, 'rater-bob', 'tie');
		const merger = new RaterFileMerger({ db: () => researcher });
		const reports = await merger.merge([
			await raterFile(rater, 'rater-ada'),
			await raterFile(rater, 'rater-bob')
		]);
		expect(reports.map(({ raterId, count, added }) => ({ raterId, count, added }))).toEqual([
			{ raterId: 'rater-ada', count: 2, added: 2 },
			{ raterId: 'rater-bob', count: 2, added: 2 }
		]);
		expect(merger.totals).toEqual({ added: 4, duplicates: 0, conflicts: 0, refused: 0 });
		const merged = await researcher.judgments.where('raterId').equals('rater-ada').toArray();
		const trials = new Map((await researcher.trials.toArray()).map((t) => [t.id, t]));
		for (const judgment of merged) {
			const trial = trials.get(judgment.trialId);
			expect(judgment.leftEndpointId).toBe(trial?.leftEndpointId);
			expect(judgment.rightEndpointId).toBe(trial?.rightEndpointId);
			expect(judgment.winnerEndpointId).toBe(trial?.rightEndpointId);
			expect(['ep-baseline', 'ep-trained']).toContain(judgment.winnerEndpointId);
		}
	});

	it('is idempotent: merging the same file again only counts duplicates', async () => {
		const { researcher, rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		const file = await raterFile(rater, 'rater-ada');
		await mergeRaterFile(researcher, file);
		const again = await mergeRaterFile(researcher, file);
		expect(again).toMatchObject({ count: 2, added: 0, duplicates: 2, conflicts: 0 });
		expect(await researcher.judgments.count()).toBe(2);
	});

	it('never overwrites: a changed judgment or a second verdict on a trial is a conflict', async () => {
		const { researcher, rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		await mergeRaterFile(researcher, await raterFile(rater, 'rater-ada'));
		const first = await researcher.judgments.toArray();
		await rater.judgments.clear();
		await judgeAll(rater, 'rater-ada', 'tie');
		const changed = await mergeRaterFile(researcher, await raterFile(rater, 'rater-ada'));
		expect(changed).toMatchObject({ added: 0, duplicates: 0, conflicts: 2 });
		await rater.judgments.toCollection().modify((j) => {
			j.id = `${j.id}-redo`;
		});
		const redo = await mergeRaterFile(researcher, await raterFile(rater, 'rater-ada'));
		expect(redo).toMatchObject({ added: 0, conflicts: 2 });
		expect(await researcher.judgments.toArray()).toEqual(first);
	});

	it('refuses files from another study, an unknown study, or a foreign bundle, merging nothing', async () => {
		const { researcher, rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		const good = await raterFile(rater, 'rater-ada');
		const other = await mergeRaterFile(researcher, good, 'study-2');
		expect(other.refused).toMatch(/different study/);
		const unknown = await mergeRaterFile(researcher, {
			name: 'u.json',
			text: async () => good.raw.replaceAll('study-1', 'study-9')
		});
		expect(unknown).toMatchObject({ studyId: 'study-9', raterId: 'rater-ada' });
		expect(unknown.refused).toMatch(/not in this browser/);
		const study = await researcher.studies.get('study-1');
		const opaque = Object.keys(study?.bundleMap ?? {})[0] ?? '';
		const foreign = await mergeRaterFile(researcher, {
			name: 'f.json',
			text: async () => good.raw.replaceAll(opaque, 'model-zzz')
		});
		expect(foreign.refused).toMatch(/model-zzz, which this study's bundle never used/);
		const swapped = await mergeRaterFile(researcher, {
			name: 's.json',
			text: async () => good.raw.replaceAll('"trialId": "trial-1"', '"trialId": "trial-2"')
		});
		expect(swapped.refused).toMatch(/does not match trial/);
		expect(await researcher.judgments.count()).toBe(0);
	});

	it('refuses a rater file when the study was never exported as a bundle', async () => {
		const { researcher, rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		await researcher.studies.update('study-1', { bundleMap: undefined });
		const report = await mergeRaterFile(researcher, await raterFile(rater, 'rater-ada'));
		expect(report.refused).toMatch(/never exported as a bundle/);
	});
});
