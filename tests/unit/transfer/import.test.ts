import { describe, expect, it } from 'vitest';
import { DataError, formatIssue } from '$lib/core/errors';
import { runExport } from '$lib/transfer/export';
import { importChunks } from '$lib/transfer/import';
import { testDb } from '../db/test-db';
import { syntheticWorld } from '../core/analysis/synthetic';
import { counts, seedWorld } from './seed';

const noPause = () => Promise.resolve();

async function exportedLines(judgments = 8): Promise<string[]> {
	const source = testDb();
	await seedWorld(source, syntheticWorld({ judgments, items: 3 }));
	const { parts } = await runExport(source, { kind: 'jsonl', pause: noPause });
	source.close();
	return parts.join('').trim().split('\n');
}

async function failure(run: () => Promise<unknown>): Promise<string[]> {
	try {
		await run();
	} catch (error) {
		if (error instanceof DataError) return error.issues.map(formatIssue);
		throw error;
	}
	throw new Error('expected the import to fail');
}

describe('import and merge', () => {
	it('reports new rows per table on first import and only duplicates on the second', async () => {
		const lines = await exportedLines();
		const db = testDb();
		const first = await importChunks(db, [lines.join('\n')], 'ada.jsonl');
		expect(first).toMatchObject({ kind: 'judgments', rows: 8 });
		expect(first.tables.find((table) => table.table === 'judgments')).toEqual({
			table: 'judgments',
			new: 8,
			duplicate: 0,
			conflict: 0
		});
		const second = await importChunks(db, [lines.join('\n')], 'ada.jsonl');
		expect(second.tables.find((table) => table.table === 'judgments')).toEqual({
			table: 'judgments',
			new: 0,
			duplicate: 8,
			conflict: 0
		});
	});

	it('reports a changed judgment as a conflict and keeps the stored one', async () => {
		const lines = await exportedLines();
		const db = testDb();
		await importChunks(db, [lines.slice(0, 5).join('\n')], 'first.jsonl');
		const edited = JSON.parse(lines[2] ?? '{}') as { id: string; rationale: string };
		edited.rationale = 'changed my mind';
		const mixed = [...lines.slice(0, 2), JSON.stringify(edited), ...lines.slice(3)];
		const report = await importChunks(db, [mixed.join('\n')], 'second.jsonl');
		expect(report.conflicts).toEqual([
			{
				table: 'judgments',
				id: edited.id,
				location: { file: 'second.jsonl', row: 3 },
				fields: ['rationale']
			}
		]);
		expect(report.tables.find((table) => table.table === 'judgments')).toMatchObject({
			new: 3,
			duplicate: 4,
			conflict: 1
		});
		expect((await db.judgments.get(edited.id))?.rationale).not.toBe('changed my mind');
	});

	it('counts a second verdict on a trial by the same rater as a conflict, never a second row', async () => {
		const lines = await exportedLines();
		const again = (line: string | undefined, id: string) =>
			JSON.stringify({ ...(JSON.parse(line ?? '{}') as object), id });
		const db = testDb();
		const first = await importChunks(
			db,
			[[...lines, again(lines[1], 'second-verdict-in-file')].join('\n')],
			'doubled.jsonl'
		);
		expect(first.conflicts).toEqual([
			{
				table: 'judgments',
				id: 'second-verdict-in-file',
				location: { file: 'doubled.jsonl', row: 9 },
				fields: ['raterId', 'trialId']
			}
		]);
		const later = await importChunks(db, [again(lines[4], 'second-verdict-later')], 'later.jsonl');
		expect(later.tables.find((table) => table.table === 'judgments')).toMatchObject({
			new: 0,
			conflict: 1
		});
		expect(await db.judgments.count()).toBe(lines.length);
		expect(await db.judgments.get('second-verdict-later')).toBeUndefined();
	});

	it('refuses a judgment whose overall choice and winner contradict each other', async () => {
		const lines = await exportedLines();
		const index = lines.findIndex((line) => (JSON.parse(line) as { winner: unknown }).winner);
		const contradictory = { ...(JSON.parse(lines[index] ?? '{}') as object), overall: 'tie' };
		lines[index] = JSON.stringify(contradictory);
		const db = testDb();
		const issues = await failure(() => importChunks(db, [lines.join('\n')], 'odd.jsonl'));
		expect(issues).toEqual([
			expect.stringMatching(
				new RegExp(
					`^odd\\.jsonl, row ${index + 1}, field "winnerEndpointId": names a winner .* although overall is "tie"`
				)
			)
		]);
		expect(await db.judgments.count()).toBe(0);
	});

	it('writes nothing when any line is bad, and names file, line and field', async () => {
		const lines = await exportedLines();
		const broken = JSON.parse(lines[4] ?? '{}') as { decisionMs: unknown };
		broken.decisionMs = 'fast';
		lines[4] = JSON.stringify(broken);
		lines[6] = 'not json';
		const db = testDb();
		const issues = await failure(() => importChunks(db, [lines.join('\n')], 'bad.jsonl'));
		expect(issues[0]).toMatch(/^bad\.jsonl, row 5, field "decisionMs": /);
		expect(issues[1]).toMatch(/^bad\.jsonl, row 7: is not valid JSON/);
		expect(Object.values(await counts(db)).every((n) => n === 0)).toBe(true);
	});

	it('refuses files that are not Trait Arena exports, and empty files', async () => {
		const db = testDb();
		expect((await failure(() => importChunks(db, ['{"a":1}\n'], 'x.jsonl')))[0]).toContain(
			'x.jsonl, row 1, field "format": is not a Trait Arena judgments export or backup'
		);
		expect((await failure(() => importChunks(db, ['\n\n'], 'empty.jsonl')))[0]).toContain(
			'is empty'
		);
	});

	it('merges a rater file into a database that holds the full study without conflicts', async () => {
		const world = syntheticWorld({ judgments: 10, items: 3 });
		const researcher = testDb();
		await seedWorld(researcher, { ...world, judgments: world.judgments.slice(0, 4) }, false);
		const rater = testDb();
		await seedWorld(rater, world, false);
		const { parts } = await runExport(rater, {
			kind: 'jsonl',
			pause: noPause,
			filter: { raterId: 'rater-0' }
		});
		const report = await importChunks(researcher, parts, 'rater.jsonl');
		expect(report.conflicts).toEqual([]);
		const mine = world.judgments.filter((judgment) => judgment.raterId === 'rater-0');
		const known = mine.filter((judgment) => world.judgments.indexOf(judgment) < 4).length;
		expect(known).toBe(4);
		expect(report.tables.find((table) => table.table === 'judgments')).toMatchObject({
			new: mine.length - known,
			duplicate: known
		});
		expect(report.tables.find((table) => table.table === 'endpoints')).toMatchObject({
			new: 0,
			conflict: 0
		});
		expect(report.tables.find((table) => table.table === 'studies')).toMatchObject({
			new: 0,
			duplicate: 1
		});
		expect(await researcher.judgments.count()).toBe(4 + mine.length - known);
	});
});
