// The docs' DuckDB query, run over two studies' Parquet exports written to disk: DuckDB (a reader
// independent of the writer) sees the column types we document, and the query's counts equal the
// ones taken from the same studies' JSONL exports.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JudgmentRecord } from '$lib/core/codecs/judgment-record';
import { runExport } from '$lib/transfer/export';
import { syntheticWorld } from '../core/analysis/synthetic';
import { testDb } from '../db/test-db';
import { seedWorld } from './seed';

const noPause = () => Promise.resolve();
const dir = mkdtempSync(join(tmpdir(), 'trait-arena-duckdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportStudy(name: string, seed: string, judgments: number) {
	const db = testDb();
	const world = syntheticWorld({ judgments, items: 6, seed });
	await seedWorld(db, world);
	await db.studies.update(world.study.id, { name });
	const parquet = await runExport<BlobPart>(db, { kind: 'parquet', pause: noPause });
	const jsonl = await runExport(db, { kind: 'jsonl', pause: noPause });
	const path = join(dir, `${name}.judgments.parquet`);
	writeFileSync(path, parquet.parts[0] as Uint8Array);
	const records = jsonl.parts
		.join('')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as JudgmentRecord);
	return { path, records };
}

/** The query in docs/data-format.md, with the two file names put in. */
function docsQuery(files: readonly string[]): string {
	const doc = readFileSync(new URL('../../../docs/data-format.md', import.meta.url), 'utf8');
	const sql = /```sql\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf('DuckDB reads them')))?.[1];
	if (!sql) throw new Error('no SQL in the docs');
	return sql.replace(
		"['pilot.judgments.parquet', 'replication.judgments.parquet']",
		`[${files.map((file) => `'${file}'`).join(', ')}]`
	);
}

describe('many studies in DuckDB', () => {
	it('runs the documented query over two exported files', async () => {
		const pilot = await exportStudy('pilot', 'a', 60);
		const replication = await exportStudy('replication', 'b', 45);
		const instance = await DuckDBInstance.create(':memory:');
		const connection = await instance.connect();

		const described = await connection.runAndReadAll(
			`DESCRIBE SELECT * FROM read_parquet('${pilot.path}')`
		);
		const types = Object.fromEntries(
			described.getRowObjects().map((row) => [row['column_name'], row['column_type']])
		);
		expect(types).toMatchObject({
			trial_position: 'INTEGER',
			leak_flagged: 'BOOLEAN',
			decision_ms: 'DOUBLE',
			created_at: 'TIMESTAMP',
			prompt: 'VARCHAR'
		});

		const query = docsQuery([pilot.path, replication.path]);
		expect(query).toContain(replication.path);
		const rows = (await connection.runAndReadAll(query)).getRowObjects();
		const expected = new Map<string, number>();
		for (const record of [...pilot.records, ...replication.records]) {
			if (record.trial.kind !== 'main' || !record.winner) continue;
			const key = `${record.study.name}|${record.winner.label}`;
			expected.set(key, (expected.get(key) ?? 0) + 1);
		}
		expect(expected.size).toBeGreaterThan(2);
		expect(
			new Map(
				rows.map((row) => [`${row['study_name']}|${row['winner_label']}`, Number(row['wins'])])
			)
		).toEqual(expected);
		expect(new Set(rows.map((row) => row['study_name']))).toEqual(
			new Set(['pilot', 'replication'])
		);
		connection.closeSync();
	});
});
