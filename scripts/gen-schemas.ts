// `npm run docs:schemas`: writes docs/schemas/*.schema.json from the zod schemas, the source of
// truth, so the published JSON Schemas cannot drift from what the app validates
// (tests/unit/core/codecs/schemas-docs.test.ts fails when a committed file is out of date).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { TRANSFER_SCHEMAS } from '../src/lib/core/codecs/import-plan';
import { FORMATS } from '../src/lib/core/codecs/envelope';
import { JudgmentRecordSchema } from '../src/lib/core/codecs/judgment-record';
import { TRANSFER_TABLES } from '../src/lib/core/codecs/import-plan';
import { PARQUET_COLUMNS, type ParquetType } from '../src/lib/core/codecs/parquet';
import { SCHEMA_VERSION } from '../src/lib/core/schema/common';

const BASE = 'https://trait-arena.invalid/schemas/';

const BackupHeaderSchema = z
	.object({
		format: z.literal(FORMATS.backup),
		schema: z.literal(SCHEMA_VERSION),
		app: z.string(),
		exportedAt: z.iso.datetime({ offset: true }),
		tables: z.object(
			Object.fromEntries(TRANSFER_TABLES.map((table) => [table, z.int().min(0)])) as Record<
				string,
				z.ZodInt
			>
		)
	})
	.strict();

const BackupLineSchema = z.union(
	TRANSFER_TABLES.map((table) =>
		z.object({ table: z.literal(table), row: TRANSFER_SCHEMAS[table] }).strict()
	)
);

const PARQUET_VALUES: Record<ParquetType, () => z.ZodType> = {
	STRING: () => z.string(),
	JSON: () => z.string().describe('JSON text (Parquet JSON logical type)'),
	INT32: () => z.int(),
	DOUBLE: () => z.number(),
	BOOLEAN: () => z.boolean(),
	TIMESTAMP: () => z.iso.datetime().describe('Parquet TIMESTAMP (milliseconds, UTC)')
};

/** A Parquet row as JSON readers see it: one property per column, null where a column may be. */
const ParquetRowSchema = z
	.object(
		Object.fromEntries(
			PARQUET_COLUMNS.map(([name, type, , nullable]) => {
				const value = PARQUET_VALUES[type]();
				return [name, nullable ? value.nullable() : value];
			})
		)
	)
	.strict();

const DOCUMENTS: Record<string, { title: string; description: string; schema: z.ZodType }> = {
	'judgment-record': {
		title: 'Trait Arena judgment export record',
		description:
			'One line of a judgments export (JSON Lines, format "trait-arena/judgments"). See docs/data-format.md.',
		schema: JudgmentRecordSchema
	},
	'judgment-parquet-row': {
		title: 'Trait Arena judgment export, Parquet row',
		description:
			'One row of a judgments export as Parquet (Data → Export Parquet), columns in file order. See docs/data-format.md.',
		schema: ParquetRowSchema
	},
	'backup-header': {
		title: 'Trait Arena backup: first line',
		description: 'The envelope line of a full backup (format "trait-arena/backup").',
		schema: BackupHeaderSchema
	},
	'backup-line': {
		title: 'Trait Arena backup: row line',
		description: 'Every line after the first of a full backup: one stored row of one table.',
		schema: BackupLineSchema
	}
};

/** File name → content of every generated schema file. */
export function schemaFiles(): Record<string, string> {
	const files: Record<string, string> = {};
	for (const [name, { title, description, schema }] of Object.entries(DOCUMENTS)) {
		const { $schema, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });
		const document = { $schema, $id: `${BASE}${name}.schema.json`, title, description, ...json };
		files[`${name}.schema.json`] = `${JSON.stringify(document, null, '\t')}\n`;
	}
	return files;
}

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'schemas');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	mkdirSync(SCHEMA_DIR, { recursive: true });
	for (const [name, content] of Object.entries(schemaFiles())) {
		writeFileSync(join(SCHEMA_DIR, name), content);
		console.log(`docs/schemas/${name}`);
	}
}
