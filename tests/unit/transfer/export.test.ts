import { describe, expect, it, vi } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import { exportFileName, runExport, type ExportProgress } from '$lib/transfer/export';
import type { ExportFilter } from '$lib/db/repos/transfer';
import { testDb } from '../db/test-db';
import { syntheticWorld } from '../core/analysis/synthetic';
import { seedWorld } from './seed';

const noPause = () => Promise.resolve();

async function seeded(judgments = 30) {
	const db = testDb();
	const world = syntheticWorld({ judgments, items: 4 });
	await seedWorld(db, world);
	return { db, world };
}

describe('export jobs', () => {
	it('gives the same file whatever the chunk and part sizes, with progress up to the total', async () => {
		const { db } = await seeded();
		const progress: ExportProgress[] = [];
		const small = await runExport(db, {
			kind: 'jsonl',
			chunkSize: 4,
			partChars: 1,
			pause: noPause,
			onProgress: (step) => progress.push(step)
		});
		const large = await runExport(db, { kind: 'jsonl', pause: noPause });
		expect(small.parts.join('')).toBe(large.parts.join(''));
		expect(small.parts.length).toBeGreaterThan(large.parts.length);
		// Parts gather chunks until they hold partChars; only the last may hold less.
		const partChars = 20_000;
		const gathered = await runExport(db, {
			kind: 'jsonl',
			chunkSize: 4,
			partChars,
			pause: noPause
		});
		const sizes = gathered.parts.map((part) => part.length);
		expect(gathered.parts.join('')).toBe(large.parts.join(''));
		expect(sizes.slice(0, -1).every((size) => size >= partChars)).toBe(true);
		expect(sizes.length).toBeGreaterThan(1);
		expect(sizes.length).toBeLessThan(small.parts.length);
		expect(progress.at(-1)).toEqual({ done: 30, total: 30 });
		expect(progress.map((step) => step.done)).toEqual(
			[...progress.map((step) => step.done)].sort((a, b) => a - b)
		);
	});

	it('gives the same CSV whatever the chunk size, when later judgments answer other traits', async () => {
		// Written page by page, the CSV takes its trait columns from the first page: a trait that
		// only later judgments answer makes it write every row again, and a trait the later ones
		// leave out keeps its columns.
		const { db, world } = await seeded();
		const [first, second] = world.judgments;
		const last = world.judgments.at(-1);
		if (!first || !second || !last) throw new Error('no judgments');
		await db.judgments.update(first.id, { traitChoices: { ...first.traitChoices, early: 'tie' } });
		await db.judgments.update(last.id, { traitChoices: { ...last.traitChoices, late: 'left' } });
		const csv = async (chunkSize: number, filter: ExportFilter = {}) =>
			(await runExport(db, { kind: 'csv', chunkSize, pause: noPause, filter })).parts.join('');
		const whole = await csv(1000);
		const header = whole.split('\r\n')[0]?.split(',') ?? [];
		expect(header).toEqual(expect.arrayContaining(['trait_early', 'trait_late_winner']));
		expect(whole.split('\r\n')).toHaveLength(world.judgments.length + 2);
		for (const size of [1, 4, 7]) expect(await csv(size)).toBe(whole);

		// Without the late trait in the selection, no column for it and nothing written twice.
		const to = last.createdAt;
		const early = await csv(4, { to });
		expect(early.split('\r\n')[0]).toContain('trait_early');
		expect(early).not.toContain('trait_late');
		expect(early).toBe(await csv(1000, { to }));
	});

	it('filters by study, rater and date range, in creation order', async () => {
		const { db, world } = await seeded();
		const from = world.judgments[5]?.createdAt;
		const to = world.judgments[25]?.createdAt;
		const result = await runExport(db, {
			kind: 'jsonl',
			pause: noPause,
			filter: { studyId: world.study.id, raterId: 'rater-0', from, to }
		});
		const ids = result.parts
			.join('')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { id: string; raterId: string });
		const expected = world.judgments
			.filter(
				(j) => j.raterId === 'rater-0' && from && to && j.createdAt >= from && j.createdAt < to
			)
			.map((j) => j.id);
		expect(ids.map((row) => row.id)).toEqual(expected);
		expect(expected.length).toBeGreaterThan(0);
		const none = await runExport(db, {
			kind: 'jsonl',
			pause: noPause,
			filter: { studyId: 'other' }
		});
		expect(none.parts.join('')).toBe('');
	});

	it('writes the same lines whether a study is read whole or row by row', async () => {
		// A full export reads a study's trials and responses in one go; a narrow one (a few
		// minutes of it) reads only the rows it needs. Both must give the same record for a judgment.
		const db = testDb();
		const world = syntheticWorld({ judgments: 60, items: 30 });
		await seedWorld(db, world);
		const rowByRow = vi.spyOn(db.trials, 'bulkGet');
		const lines = async (filter: ExportFilter) =>
			(await runExport(db, { kind: 'jsonl', pause: noPause, filter })).parts
				.join('')
				.trim()
				.split('\n');
		const all = await lines({});
		expect(rowByRow).not.toHaveBeenCalled();
		const [from, to] = [world.judgments[2]?.createdAt ?? '', world.judgments[7]?.createdAt ?? ''];
		const narrow = await lines({ from, to });
		expect(rowByRow).toHaveBeenCalled();
		expect(narrow).toHaveLength(5);
		expect(narrow).toEqual(all.slice(2, 7));
	});

	it('leaves out judgments whose trial is gone and says how many', async () => {
		const { db, world } = await seeded(10);
		await db.trials.delete(world.judgments[0]?.trialId ?? '');
		const result = await runExport(db, { kind: 'csv', pause: noPause });
		expect(result.incomplete).toBeGreaterThan(0);
		expect(result.count + result.incomplete).toBe(10);
		expect(result.parts.join('').trim().split('\r\n')).toHaveLength(result.count + 1);
	});

	it('writes a CSV header even with nothing selected, and a valid empty battle list', async () => {
		const { db } = await seeded(3);
		const csv = await runExport(db, { kind: 'csv', pause: noPause, filter: { raterId: 'nobody' } });
		expect(csv.parts.join('')).toMatch(/^format,schema,app,judgment_id,/);
		const battles = await runExport(db, {
			kind: 'battles',
			pause: noPause,
			filter: { raterId: 'nobody' }
		});
		expect(JSON.parse(battles.parts.join(''))).toEqual([]);
	});

	it('names files after study, rater and date', async () => {
		const date = fixedClock('2026-11-23T12:00:00.000Z')().toISOString();
		expect(
			exportFileName('jsonl', date, { studyId: 's', raterId: 'Ada L.' }, 'Pilot: honesty')
		).toBe('trait-arena_pilot-honesty_ada-l_2026-11-23.judgments.jsonl');
		expect(exportFileName('csv', date)).toBe('trait-arena_all-studies_2026-11-23.judgments.csv');
		expect(exportFileName('backup', date, { studyId: 's' })).toBe(
			'trait-arena_2026-11-23.backup.jsonl'
		);
		expect(exportFileName('battles', date)).toBe('trait-arena_all-studies_2026-11-23.battles.json');
	});
});
