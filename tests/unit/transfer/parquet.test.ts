// The Parquet export read back by an independent reader (hyparquet): one row per judgment, the
// same values as the JSONL export's records flattened by the CSV codec, and real column types.
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { csvRow } from '$lib/core/codecs/csv';
import type { JudgmentRecord } from '$lib/core/codecs/judgment-record';
import { runExport } from '$lib/transfer/export';
import { schemaFiles } from '../../../scripts/gen-schemas';
import { syntheticWorld } from '../core/analysis/synthetic';
import { testDb } from '../db/test-db';
import { seedWorld } from './seed';

const noPause = () => Promise.resolve();
const JSON_LISTS = ['traits', 'tags', 'left_flags', 'right_flags'];

/** hyparquet parses a JSON column's plain values but hands dictionary-encoded ones back as text. */
function parsed<T>(value: unknown): T {
	return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

async function exported(judgments: number) {
	const db = testDb();
	await seedWorld(db, syntheticWorld({ judgments, items: 5 }));
	const parquet = await runExport<BlobPart>(db, { kind: 'parquet', chunkSize: 7, pause: noPause });
	const jsonl = await runExport(db, { kind: 'jsonl', pause: noPause });
	const records = jsonl.parts
		.join('')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as JudgmentRecord);
	const [bytes] = parquet.parts as Uint8Array<ArrayBuffer>[];
	if (!bytes || parquet.parts.length !== 1) throw new Error('expected one part of bytes');
	return { parquet, records, buffer: bytes.buffer };
}

describe('Parquet export', () => {
	it('reads back with the same rows and values as the JSONL export', async () => {
		const { parquet, records, buffer } = await exported(40);
		expect(parquet.name).toMatch(/\.judgments\.parquet$/);
		expect(parquet.type).toBe('application/vnd.apache.parquet');
		const rows = await parquetReadObjects({ file: buffer });
		expect(rows).toHaveLength(40);
		expect(parquet.count).toBe(40);
		rows.forEach((row, index) => {
			const record = records[index] as JudgmentRecord;
			const expected = csvRow(record);
			for (const [column, value] of Object.entries(row)) {
				const want = expected[column];
				if (JSON_LISTS.includes(column)) expect(parsed<string[]>(value).join(';')).toBe(want);
				else if (value instanceof Date) expect(value.toISOString()).toBe(want);
				else if (column === 'turns' || column.endsWith('transcript') || column === 'trait_choices')
					expect(JSON.stringify(parsed(value))).toBe(want);
				else expect(value, column).toBe(want ?? null);
			}
		});
		// Every fixed CSV column is in the Parquet file too (the per-trait ones live in trait_choices).
		const fixed = Object.keys(csvRow(records[0] as JudgmentRecord)).filter(
			(column) => !column.startsWith('trait_') || column === 'trait_choices'
		);
		expect(Object.keys(rows[0] ?? {})).toEqual(fixed);
		// The published JSON Schema of a row names the same columns and says which may be null.
		const schema = JSON.parse(schemaFiles()['judgment-parquet-row.schema.json'] ?? '{}') as {
			properties: Record<string, unknown>;
		};
		expect(Object.keys(schema.properties)).toEqual(fixed);
		const mayBeNull = (column: string) => /"null"/.test(JSON.stringify(schema.properties[column]));
		for (const row of rows)
			for (const [column, value] of Object.entries(row))
				if (value === null) expect(mayBeNull(column), column).toBe(true);
		expect(rows.some((row) => row['swap_of'] === null)).toBe(true);
		expect(mayBeNull('judgment_id')).toBe(false);
	});

	it('gives each column its type: whole numbers, times, flags, timestamps and JSON', async () => {
		const { buffer } = await exported(3);
		const schema = parquetMetadata(buffer).schema;
		const typeOf = (name: string) => {
			const element = schema.find((entry) => entry.name === name);
			return [element?.type, element?.converted_type];
		};
		expect(typeOf('schema')).toEqual(['INT32', undefined]);
		expect(typeOf('trial_position')).toEqual(['INT32', undefined]);
		expect(typeOf('leak_flagged')).toEqual(['BOOLEAN', undefined]);
		expect(typeOf('decision_ms')).toEqual(['DOUBLE', undefined]);
		expect(typeOf('left_ttft_ms')).toEqual(['DOUBLE', undefined]);
		expect(typeOf('created_at')).toEqual(['INT64', 'TIMESTAMP_MILLIS']);
		expect(typeOf('prompt')).toEqual(['BYTE_ARRAY', 'UTF8']);
		expect(typeOf('turns')).toEqual(['BYTE_ARRAY', 'JSON']);
		expect(typeOf('trait_choices')).toEqual(['BYTE_ARRAY', 'JSON']);
		const repetition = (name: string) =>
			schema.find((entry) => entry.name === name)?.repetition_type;
		expect(repetition('judgment_id')).toBe('REQUIRED');
		expect(repetition('prompt')).toBe('REQUIRED');
		expect(repetition('domain')).toBe('OPTIONAL');
		expect(repetition('winner_label')).toBe('OPTIONAL');
	});
});

describe('Hugging Face dataset folder', () => {
	it('zips data/*.parquet with a dataset card whose YAML header the Hub reads', async () => {
		const db = testDb();
		const world = syntheticWorld({ judgments: 12, items: 3 });
		await seedWorld(db, world);
		const raters = new Set(world.judgments.map((judgment) => judgment.raterId)).size;
		const hub = await runExport<BlobPart>(db, {
			kind: 'hub',
			studyName: 'Pilot',
			pause: noPause
		});
		expect(hub.name).toMatch(/\.hf-dataset\.zip$/);
		const files = unzipSync(hub.parts[0] as Uint8Array);
		expect(Object.keys(files).sort()).toEqual([
			'README.md',
			'data/',
			'data/judgments-00000-of-00001.parquet'
		]);
		const card = strFromU8(files['README.md'] as Uint8Array);
		const header = /^---\n([\s\S]*?)\n---\n/.exec(card)?.[1] ?? '';
		expect(header).toContain('license: other');
		expect(header).toContain('size_categories:\n- n<1K');
		expect(header).toContain('  - split: train\n    path: data/*.parquet');
		expect(card).toContain(`12 judgments from ${raters} rater(s)`);
		expect(card).toContain('| `trait_choices` | JSON |');
		const parquet = files['data/judgments-00000-of-00001.parquet'] as Uint8Array;
		const copy = parquet.slice().buffer;
		expect(await parquetReadObjects({ file: copy })).toHaveLength(12);
	});
});
