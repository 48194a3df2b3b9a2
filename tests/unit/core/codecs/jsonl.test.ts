import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildJudgmentRecord } from '$lib/core/codecs/judgment-record';
import {
	judgmentLine,
	LineSplitter,
	parseJudgmentsJsonl,
	splitLines
} from '$lib/core/codecs/jsonl';
import { DataError, formatIssue } from '$lib/core/errors';
import { syntheticWorld, worldContexts } from '../analysis/synthetic';
import { awkwardRecord } from './awkward-records';

const records = [...worldContexts(syntheticWorld({ judgments: 5, items: 3 }))].map(
	buildJudgmentRecord
);
const text = records.map(judgmentLine).join('');

function issues(run: () => unknown): string[] {
	try {
		run();
	} catch (error) {
		if (error instanceof DataError) return error.issues.map(formatIssue);
		throw error;
	}
	return [];
}

describe('judgments JSONL', () => {
	it('writes one record per line and reads them back equal', () => {
		expect(text.split('\n')).toHaveLength(records.length + 1);
		expect(parseJudgmentsJsonl(text)).toEqual(JSON.parse(`[${text.trim().split('\n').join(',')}]`));
	});

	it('writes each line as JSON.stringify would, whatever the text in it', () => {
		// The writer copies plain values as they are and escapes the rest through JSON.stringify.
		fc.assert(
			fc.property(awkwardRecord(), (record) => {
				expect(judgmentLine(record)).toBe(`${JSON.stringify(record)}\n`);
			}),
			{ numRuns: 300 }
		);
	});

	it('re-serialises what it read byte for byte', () => {
		expect(parseJudgmentsJsonl(text).map(judgmentLine).join('')).toBe(text);
	});

	it('tolerates CRLF, a byte-order mark and blank lines', () => {
		const crlf = `\ufeff${text.replace(/\n/g, '\r\n')}\r\n\r\n`;
		expect(parseJudgmentsJsonl(crlf)).toHaveLength(records.length);
	});

	it('names file, line and field of every bad line', () => {
		const lines = text.trim().split('\n');
		const broken = JSON.parse(lines[1] ?? '{}') as Record<string, unknown>;
		broken['overall'] = 'left-ish';
		lines[1] = JSON.stringify(broken);
		lines[3] = '{"format": "trait-arena/judgments", ';
		const found = issues(() => parseJudgmentsJsonl(lines.join('\n'), 'ada.jsonl'));
		expect(found[0]).toMatch(/^ada\.jsonl, row 2, field "overall": /);
		expect(found[1]).toMatch(/^ada\.jsonl, row 4: is not valid JSON/);
	});

	it('refuses a line from a newer app', () => {
		const newer = JSON.stringify({ ...records[0], schema: 99 });
		expect(issues(() => parseJudgmentsJsonl(newer, 'x.jsonl'))[0]).toContain('newer Trait Arena');
	});
});

describe('LineSplitter', () => {
	it('joins lines split across chunks and numbers them from 1', () => {
		const splitter = new LineSplitter();
		const lines = [
			...splitter.push('ab'),
			...splitter.push('c\n\nd'),
			...splitter.push('e\r\nf'),
			...splitter.flush()
		];
		expect(lines).toEqual([
			{ line: 1, text: 'abc' },
			{ line: 3, text: 'de' },
			{ line: 4, text: 'f' }
		]);
		expect(splitLines('x\n')).toEqual([{ line: 1, text: 'x' }]);
	});
});
