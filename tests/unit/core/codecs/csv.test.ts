import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	CSV_FIXED_COLUMNS,
	CSV_OPTIONS,
	csvChunk,
	csvColumns,
	csvRow,
	recordsToCsv,
	traitsOf
} from '$lib/core/codecs/csv';
import { buildJudgmentRecord } from '$lib/core/codecs/judgment-record';
import { syntheticWorld, worldContexts } from '../analysis/synthetic';
import { awkwardRecord } from './awkward-records';

const records = [...worldContexts(syntheticWorld({ judgments: 12, items: 6 }))].map(
	buildJudgmentRecord
);

describe('judgments CSV', () => {
	it('has the fixed columns, then two columns per trait sorted by trait', () => {
		const columns = csvColumns(['well-being', 'corrigibility', 'well-being']);
		expect(columns.slice(0, CSV_FIXED_COLUMNS.length)).toEqual([...CSV_FIXED_COLUMNS]);
		expect(columns.slice(CSV_FIXED_COLUMNS.length)).toEqual([
			'trait_corrigibility',
			'trait_corrigibility_winner',
			'trait_well-being',
			'trait_well-being_winner'
		]);
	});

	it('is RFC 4180: CRLF line ends, quotes doubled, one row per record', () => {
		const text = recordsToCsv(records);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text).toContain('"Clearer about the risk, ""quoted"", and, with commas."');
		const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
		expect(parsed.errors).toEqual([]);
		expect(parsed.data).toHaveLength(records.length);
		const first = records[0];
		const row = parsed.data[0];
		expect(row?.['judgment_id']).toBe(first?.id);
		expect(row?.['left_label']).toBe(first?.left.endpoint.label);
		expect(JSON.parse(row?.['left_transcript'] ?? '[]')).toEqual(first?.left.response.transcript);
		expect(row?.['leak_flagged']).toBe(String(first?.trial.leakFlagged));
		expect(row?.['traits']).toBe(first?.item.traits.join(';'));
	});

	it('writes chunks that concatenate into the same file', () => {
		const columns = csvColumns(traitsOf(records));
		const chunked =
			csvChunk(records.slice(0, 5), columns, true) + csvChunk(records.slice(5), columns, false);
		expect(chunked).toBe(recordsToCsv(records));
	});

	it('writes just the header for no records', () => {
		expect(csvChunk([], ['a', 'b'], true)).toBe('a,b\r\n');
	});
});

describe('CSV writer', () => {
	it('writes papaparse’s file for records with awkward text, header and chunks included', () => {
		// Each row's own cells are copied as they are when plain, else encoded as a cell.
		fc.assert(
			fc.property(
				fc.array(awkwardRecord({ slugTraits: true }), { minLength: 1, maxLength: 4 }),
				(list) => {
					const columns = csvColumns(traitsOf(list));
					const data = list.map((record) => {
						const row = csvRow(record);
						return columns.map((column) => row[column] ?? null);
					});
					const papa = `${Papa.unparse({ fields: columns, data }, CSV_OPTIONS)}\r\n`;
					expect(csvChunk(list, columns, true)).toBe(papa);
				}
			),
			{ numRuns: 200 }
		);
	});

	it('writes papaparse’s file for whole records too, parts shared between rows included', () => {
		// Several raters judge the same trials: rows share study, trial, item, endpoint and
		// response parts.
		const shared = [...worldContexts(syntheticWorld({ judgments: 80, items: 5 }))].map(
			buildJudgmentRecord
		);
		expect(new Set(shared.map((record) => record.left.response)).size).toBeLessThan(40);
		for (const list of [records, shared]) {
			const columns = csvColumns(traitsOf(list));
			const data = list.map((record) => {
				const row = csvRow(record);
				return columns.map((column) => row[column] ?? null);
			});
			const chunked =
				csvChunk(list.slice(0, 30), columns, true) + csvChunk(list.slice(30), columns, false);
			expect(chunked).toBe(`${Papa.unparse({ fields: columns, data }, CSV_OPTIONS)}\r\n`);
		}
	});
});
