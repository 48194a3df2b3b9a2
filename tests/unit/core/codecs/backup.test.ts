import { describe, expect, it } from 'vitest';
import {
	BackupPlanBuilder,
	backupHeaderLine,
	backupLine,
	readBackupHeader,
	sanitizeBaseUrl
} from '$lib/core/codecs/backup';
import { TRANSFER_TABLES } from '$lib/core/codecs/import-plan';
import { testDb } from '../../db/test-db';
import { DataError } from '$lib/core/errors';
import { makeEndpoint, makeJudgment, makeStudy } from '../../factories';

describe('full backup codec', () => {
	it('carries every table of the database except secrets, drafts and settings', () => {
		// Prompt items are stored in pages (promptPages) but travel as the promptItems table.
		const tables = testDb().tables.map((table) =>
			table.name === 'promptPages' ? 'promptItems' : table.name
		);
		const perDevice = ['keys', 'drafts', 'settings'];
		expect([...TRANSFER_TABLES].sort()).toEqual(
			tables.filter((name) => !perDevice.includes(name)).sort()
		);
	});

	it('removes credentials from base URLs but keeps the rest', () => {
		expect(sanitizeBaseUrl('https://user:pw@host.example/v1?api-version=2024&api-key=sk-1#x')).toBe(
			'https://host.example/v1?api-version=2024'
		);
		expect(sanitizeBaseUrl('http://127.0.0.1:8791/v1')).toBe('http://127.0.0.1:8791/v1');
		expect(sanitizeBaseUrl('https://h/v1?token=a&Signature=b&x=1')).toBe('https://h/v1?x=1');
	});

	it('writes endpoints without headers and with a sanitized URL', () => {
		const endpoint = makeEndpoint({
			headers: { Authorization: 'Bearer hdr-secret-1234567' },
			baseURL: 'https://u:p@h.example/v1?key=sk-abcdef123456'
		});
		const line = backupLine('endpoints', endpoint);
		expect(line).not.toMatch(/hdr-secret|sk-abcdef|u:p@/);
		expect(JSON.parse(line)).toMatchObject({
			table: 'endpoints',
			row: { headers: {}, baseURL: 'https://h.example/v1' }
		});
	});

	it('writes only the schema fields of a stored row, keys sorted', () => {
		const stray = { ...makeJudgment(), apiKey: 'sk-stray-secret-999' } as ReturnType<
			typeof makeJudgment
		>;
		const line = backupLine('judgments', stray);
		expect(line).not.toContain('sk-stray');
		const keys = Object.keys((JSON.parse(line) as { row: object }).row);
		expect(keys).toEqual([...keys].sort());
	});

	it('reads its header and refuses a newer one', () => {
		const header = JSON.parse(
			backupHeaderLine('0.1.0', '2026-11-23T10:00:00.000Z', {
				endpoints: 1,
				promptSets: 0,
				promptItems: 0,
				studies: 1,
				responses: 0,
				trials: 0,
				judgments: 2
			})
		) as Record<string, unknown>;
		expect(readBackupHeader(header, {}).tables.judgments).toBe(2);
		expect(() => readBackupHeader({ ...header, schema: 2 }, { row: 1 })).toThrow(DataError);
	});

	it('turns rows into an import plan and reports bad rows by line and field', () => {
		const builder = new BackupPlanBuilder();
		builder.add(JSON.parse(backupLine('studies', makeStudy())), { row: 2 });
		builder.add(
			{ table: 'studies', row: { ...makeStudy(), seed: -1 } },
			{ file: 'b.jsonl', row: 3 }
		);
		builder.add({ table: 'keys', row: {} }, { row: 4 });
		builder.add('nonsense', { row: 5 });
		expect(builder.plan.studies.incoming.map((entry) => entry.id)).toEqual(['study-1']);
		expect(builder.issues.map((issue) => [issue.row, issue.field])).toEqual([
			[3, 'row.seed'],
			[4, 'table'],
			[5, 'table']
		]);
	});
});
