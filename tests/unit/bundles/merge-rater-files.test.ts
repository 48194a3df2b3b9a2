import { describe, expect, it } from 'vitest';
import type { Judgment } from '$lib/core/schema';
import { commitJudgment } from '$lib/db/repos/judgments';
import type { ArenaDB } from '$lib/db/arena-db';
import { exportStudyBundle } from '$lib/bundles/export-bundle';
import { BundleOpener } from '$lib/bundles/open-bundle.svelte';
import {
	exportRaterJudgments,
	parseRaterFile,
	raterFileName,
	serializeRaterFile
} from '$lib/bundles/rater-file';
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
	const bundle = await exportStudyBundle(researcher, 'study-1');
	const rater = testDb();
	const opener = new BundleOpener({ db: () => rater, navigate: () => undefined });
	const file = Object.assign(new Blob([bundle.bytes]), { name: bundle.fileName });
	const opened = await opener.openFile(file);
	if (!opened) throw new Error(opener.message);
	return { researcher, rater, bundleId: opened.studyId };
}

async function raterFile(rater: ArenaDB, raterId: string) {
	const [study] = await rater.studies.toArray();
	const { fileName, text } = await exportRaterJudgments(
		rater,
		study?.id ?? '',
		raterId,
		() => new Date(T)
	);
	return { name: fileName, text: async () => text, raw: text };
}

/** A file edited by hand and sealed again with a valid checksum (as a determined forger would). */
async function forged(
	raw: string,
	edit: (file: {
		studyId: string;
		raterId: string;
		bundleId?: string;
		judgments: Judgment[];
	}) => void,
	name = 'forged.json'
) {
	const file = JSON.parse(raw);
	edit(file);
	const text = await serializeRaterFile(
		{ studyId: file.studyId, raterId: file.raterId, bundleId: file.bundleId },
		file.judgments,
		{ app: '0.1.0', exportedAt: T }
	);
	return { name, text: async () => text, raw: text };
}

describe('rater judgments file', () => {
	it('is named with study and rater, carries bundle id and checksum, and only opaque ids', async () => {
		const { rater, bundleId } = await machines();
		await judgeAll(rater, 'rater-ada');
		const file = await raterFile(rater, 'rater-ada');
		expect(file.name).toBe('pilot.rater-ada.judgments.json');
		const parsed = await parseRaterFile(file.raw, file.name);
		expect(parsed).toMatchObject({ bundleId, studyId: bundleId, raterId: 'rater-ada', schema: 2 });
		expect(JSON.parse(file.raw).checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(parsed.judgments).toHaveLength(2);
		for (const secret of [...SECRETS, 'study-1', 'trial-1']) expect(file.raw).not.toContain(secret);
		expect(raterFileName('Pilot', 'Ada Lovelace!')).toBe('pilot.ada-lovelace.judgments.json');
	});

	it('refuses empty, cut-short, foreign, newer and invalid files, each with its own message', async () => {
		await expect(parseRaterFile('', 'e.json')).rejects.toThrow(/e.json is empty/);
		await expect(parseRaterFile('{"format":"x"}', 'a.json')).rejects.toThrow(
			/not a Trait Arena rater/
		);
		await expect(parseRaterFile('\x89PNG\x00\x01garbage', 'g.png')).rejects.toThrow(
			/g.png is not a Trait Arena rater judgments file/
		);
		await expect(
			parseRaterFile('{\n "format": "trait-arena/rater-judgments",\n "schema": 2, "judg', 't.json')
		).rejects.toThrow(/t.json is incomplete: it ends early/);
		const base = { format: 'trait-arena/rater-judgments', studyId: 's', raterId: 'r' };
		await expect(
			parseRaterFile(JSON.stringify({ ...base, schema: 3, judgments: [] }), 'n.json')
		).rejects.toThrow(/newer Trait Arena/);
		await expect(
			parseRaterFile(JSON.stringify({ ...base, schema: 1, judgments: [{ id: 'x' }] }), 'i.json')
		).rejects.toThrow(/i.json, row 1/);
	});

	it('refuses a judgment that contradicts itself, naming its line and field', async () => {
		const { rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		const good = await raterFile(rater, 'rater-ada');
		const bad = await forged(good.raw, (file) => {
			const second = file.judgments[1];
			if (second) {
				second.overall = 'right-much-better';
				second.winnerEndpointId = second.leftEndpointId;
			}
		});
		const line =
			bad.raw.split('\n').findIndex((text) => text.includes(`"id": "rater-ada-`) && text) + 1;
		const error = await parseRaterFile(bad.raw, bad.name).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(
			/forged.json, row 2, line \d+, field "winnerEndpointId": must be the right side for overall "right-much-better", but names the left side/
		);
		const lines = bad.raw.split('\n');
		const reported = Number(/line (\d+)/.exec((error as Error).message)?.[1]);
		expect(lines[reported - 1]).toContain(`"id": "${JSON.parse(bad.raw).judgments[1].id}"`);
		expect(line).toBeGreaterThan(0);
	});
});

describe('merging rater files', () => {
	it('maps opaque ids back to the real trials and endpoints and reports per file', async () => {
		const { researcher, rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		await judgeAll(rater, 'rater-bob', 'tie');
		const merger = new RaterFileMerger({ db: () => researcher });
		const reports = await merger.merge([
			await raterFile(rater, 'rater-ada'),
			await raterFile(rater, 'rater-bob')
		]);
		expect(
			reports.map(({ raterId, studyId, count, added }) => ({ raterId, studyId, count, added }))
		).toEqual([
			{ raterId: 'rater-ada', studyId: 'study-1', count: 2, added: 2 },
			{ raterId: 'rater-bob', studyId: 'study-1', count: 2, added: 2 }
		]);
		expect(merger.totals).toEqual({ added: 4, duplicates: 0, conflicts: 0, refused: 0 });
		const merged = await researcher.judgments.where('raterId').equals('rater-ada').toArray();
		const trials = new Map((await researcher.trials.toArray()).map((t) => [t.id, t]));
		expect(merged.map((judgment) => judgment.trialId).sort()).toEqual(['trial-1', 'trial-2']);
		for (const judgment of merged) {
			const trial = trials.get(judgment.trialId);
			expect(judgment.studyId).toBe('study-1');
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

	it('never overwrites or counts twice: a changed judgment or a second verdict is a conflict', async () => {
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

	it('counts a second verdict on one trial inside one file as a conflict, not a second row', async () => {
		const { researcher, rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		const good = await raterFile(rater, 'rater-ada');
		const doubled = await forged(good.raw, (file) => {
			const [one] = file.judgments;
			if (one)
				file.judgments.push({
					...one,
					id: `${one.id}-second`,
					overall: 'tie',
					winnerEndpointId: null
				});
		});
		const report = await mergeRaterFile(researcher, doubled);
		expect(report).toMatchObject({ count: 3, added: 2, conflicts: 1 });
		expect(await researcher.judgments.count()).toBe(2);
	});

	it('refuses a relabelled copy of a rater file, edited or resealed, merging nothing', async () => {
		const { researcher, rater } = await machines();
		await judgeAll(rater, 'rater-ada');
		const good = await raterFile(rater, 'rater-ada');
		await mergeRaterFile(researcher, good);
		const edited = await mergeRaterFile(researcher, {
			name: 'copy.json',
			text: async () => good.raw.replaceAll('rater-ada', 'rater-eve')
		});
		expect(edited.refused).toMatch(/copy.json fails its checksum/);
		for (const fresh of [false, true]) {
			const copy = await forged(good.raw, (file) => {
				file.raterId = 'rater-eve';
				for (const judgment of file.judgments) {
					judgment.raterId = 'rater-eve';
					if (fresh) judgment.id = `${judgment.id}-eve`;
				}
			});
			const report = await mergeRaterFile(researcher, copy);
			expect(report.refused).toMatch(/identical to rater rater-ada’s.*copy of rater-ada’s file/);
		}
		expect(await researcher.judgments.count()).toBe(2);
	});

	it('refuses files from another study, an unknown bundle, or with foreign trial or answer ids', async () => {
		const { researcher, rater, bundleId } = await machines();
		await judgeAll(rater, 'rater-ada');
		const good = await raterFile(rater, 'rater-ada');
		const other = await mergeRaterFile(researcher, good, 'study-2');
		expect(other.refused).toMatch(/different study/);
		const unknown = await mergeRaterFile(
			researcher,
			await forged(good.raw, (file) => {
				file.bundleId = 'b-999';
			})
		);
		expect(unknown.refused).toMatch(/bundle was not exported from this browser/);
		const [first, second] = JSON.parse(good.raw).judgments as Judgment[];
		const swappedTrial = await mergeRaterFile(
			researcher,
			await forged(good.raw, (file) => {
				const [one] = file.judgments;
				if (one && second) one.trialId = second.trialId;
			})
		);
		expect(swappedTrial.refused).toMatch(
			/row 1, field "itemId": is not the prompt item of its trial/
		);
		const foreignTrial = await mergeRaterFile(
			researcher,
			await forged(good.raw, (file) => {
				const [one] = file.judgments;
				if (one) one.trialId = 't-000000000000000000000000';
			})
		);
		expect(foreignTrial.refused).toMatch(
			/field "trialId": names a trial this study’s bundle never held/
		);
		expect(first?.studyId).toBe(bundleId);
		expect(await researcher.judgments.count()).toBe(0);
	});

	it('still merges an old-style (schema 1) file through the study’s opaque endpoint map', async () => {
		const { researcher } = await machines();
		await researcher.studies.update('study-1', {
			bundleMap: { 'model-a': 'ep-baseline', 'model-b': 'ep-trained' }
		});
		const trial = await researcher.trials.get('trial-1');
		if (!trial) throw new Error('fixture');
		const opaque = (id: string) => (id === 'ep-baseline' ? 'model-a' : 'model-b');
		const judgment = judgmentOn(trial, {
			id: 'old-1',
			raterId: 'rater-old',
			overall: 'left-better',
			leftEndpointId: opaque(trial.leftEndpointId),
			rightEndpointId: opaque(trial.rightEndpointId),
			winnerEndpointId: opaque(trial.leftEndpointId),
			createdAt: T,
			updatedAt: T
		});
		const text = JSON.stringify({
			format: 'trait-arena/rater-judgments',
			schema: 1,
			studyId: 'study-1',
			raterId: 'rater-old',
			judgments: [judgment]
		});
		const report = await mergeRaterFile(researcher, { name: 'old.json', text: async () => text });
		expect(report.refused).toBeUndefined();
		expect(report.added).toBe(1);
		expect((await researcher.judgments.get('old-1'))?.winnerEndpointId).toBe(trial.leftEndpointId);
	});
});
