import { describe, expect, it } from 'vitest';
import { FORMATS, makeEnvelope, readEnvelope } from '$lib/core/codecs/envelope';
import { DataError, formatIssue } from '$lib/core/errors';
import { SCHEMA_VERSION } from '$lib/core/schema';

function issueText(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof DataError) return error.issues.map(formatIssue).join('\n');
		throw error;
	}
	throw new Error('expected a DataError');
}

describe('file envelope', () => {
	it('stamps format, current schema, app version and export time', () => {
		expect(makeEnvelope(FORMATS.backup, '1.2.3', '2026-11-23T10:00:00.000Z')).toEqual({
			format: 'trait-arena/backup',
			schema: SCHEMA_VERSION,
			app: '1.2.3',
			exportedAt: '2026-11-23T10:00:00.000Z'
		});
	});

	it('accepts a current record unchanged', () => {
		const value = { format: FORMATS.judgments, schema: SCHEMA_VERSION, id: 'x' };
		const read = readEnvelope(value, { accept: [FORMATS.judgments] });
		expect(read.format).toBe(FORMATS.judgments);
		expect(read.record).toBe(value);
	});

	it('refuses a newer schema and says to update the app, naming file and line', () => {
		const text = issueText(() =>
			readEnvelope(
				{ format: FORMATS.judgments, schema: SCHEMA_VERSION + 1 },
				{ accept: [FORMATS.judgments], location: { file: 'ada.jsonl', row: 3 } }
			)
		);
		expect(text).toContain('ada.jsonl, row 3, field "schema"');
		expect(text).toContain('newer Trait Arena');
		expect(text).toContain('Update the app');
	});

	it('refuses another format and non-objects', () => {
		expect(
			issueText(() =>
				readEnvelope({ format: 'other/thing', schema: 1 }, { accept: [FORMATS.backup] })
			)
		).toContain('field "format"');
		expect(issueText(() => readEnvelope([1, 2], { accept: [FORMATS.backup] }))).toContain(
			'is not a JSON object'
		);
		expect(
			issueText(() =>
				readEnvelope({ format: FORMATS.backup, schema: 0.5 }, { accept: [FORMATS.backup] })
			)
		).toContain('whole schema number');
	});

	it('upgrades an older schema step by step', () => {
		const upgrades = {
			[FORMATS.judgments]: {
				1: (record: Record<string, unknown>) => ({ ...record, renamed: record['old'] }),
				2: (record: Record<string, unknown>) => ({ ...record, added: true })
			}
		};
		const { record } = readEnvelope(
			{ format: FORMATS.judgments, schema: 1, old: 'value' },
			{ accept: [FORMATS.judgments], current: 3, upgrades }
		);
		expect(record).toMatchObject({ schema: 3, renamed: 'value', added: true });
	});

	it('refuses an old schema it has no upgrade for', () => {
		expect(
			issueText(() =>
				readEnvelope(
					{ format: FORMATS.judgments, schema: 1 },
					{ accept: [FORMATS.judgments], current: 2, upgrades: { [FORMATS.judgments]: {} } }
				)
			)
		).toContain('cannot be upgraded from schema 1');
	});
});
