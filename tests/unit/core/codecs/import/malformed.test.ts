// Broken and awkward files: each problem is reported with the place it happened (file, line or
// row, field, shortened value), and awkward-but-valid text (BOM, CRLF, quoted newlines, blank
// lines, very long fields) imports cleanly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatImportIssue, MAX_LISTED } from '$lib/core/codecs/import';
import { MAX_TURN_CHARS } from '$lib/core/schema';
import { OWN_FIXTURES, analyseText } from './helpers';

function fixture(name: string): string {
	return readFileSync(OWN_FIXTURES + name, 'utf8');
}

async function messages(name: string) {
	const analysis = await analyseText(name, fixture(name));
	return { analysis, lines: analysis.issues.map(formatImportIssue) };
}

describe('malformed files name the place of each problem', () => {
	it('invalid JSON on line 7 names the file and line 7; the other lines still read', async () => {
		const { analysis, lines } = await messages('mt-bench-invalid-line-7.jsonl');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^mt-bench-invalid-line-7\.jsonl, line 7: is not valid JSON: /);
		expect(analysis.counts).toEqual({ rows: 10, valid: 9, invalid: 1, duplicates: 0 });
		expect(analysis.fatal).toBe(false);
		expect(analysis.preview.find((row) => row.row === 7)?.status).toBe('invalid');
	});

	it('a TruthfulQA file without its Question column says which column is missing', async () => {
		const { analysis, lines } = await messages('TruthfulQA-no-question.csv');
		expect(analysis.fatal).toBe(true);
		expect(analysis.formatId).toBe('truthfulqa');
		expect(lines[0]).toMatch(
			/^TruthfulQA-no-question\.csv, field "Question": looks like TruthfulQA, but the column "Question" is missing \(got "Type, Category/
		);
		expect(analysis.items).toEqual([]);
	});

	it('an unknown file with no prompt-like column asks for a mapping and maps nothing', async () => {
		const { analysis } = await messages('survey-no-prompt.csv');
		expect(analysis.formatId).toBe('generic');
		expect(analysis.needsMapping).toBe(true);
		expect(analysis.columns).toEqual(['id', 'score', 'comment_author']);
		expect(analysis.items).toEqual([]);
		const mapped = await analyseText('survey-no-prompt.csv', fixture('survey-no-prompt.csv'), {
			mapping: { prompt: 'question' }
		});
		expect(mapped.fatal).toBe(true);
		expect(mapped.issues.map(formatImportIssue)[0]).toBe(
			'survey-no-prompt.csv, field "question": The prompt column "question" is not in the file (got "id, score, comment_author")'
		);
	});

	it('a wrong type names line, field and value', async () => {
		const { analysis, lines } = await messages('mt-bench-wrong-type.jsonl');
		expect(lines).toEqual([
			'mt-bench-wrong-type.jsonl, line 3, field "turns": must be a list of text, not a number (got 42)'
		]);
		expect(analysis.counts.invalid).toBe(1);
		expect(analysis.counts.valid).toBe(4);
	});

	it('an empty file says it is empty', async () => {
		const { analysis, lines } = await messages('empty.csv');
		expect(analysis.fatal).toBe(true);
		expect(lines).toEqual(['empty.csv: The file is empty: it has no rows to import.']);
	});

	it('a binary file is refused as binary, not parsed', async () => {
		const text = new TextDecoder().decode(readFileSync(OWN_FIXTURES + 'binary.jsonl'));
		const analysis = await analyseText('binary.jsonl', text);
		expect(analysis.fatal).toBe(true);
		expect(formatImportIssue(analysis.issues[0] ?? { message: '' })).toMatch(
			/^binary\.jsonl: This looks like a binary file, not text \(a zero byte at character \d+\)/
		);
	});

	it('an unclosed quote fails the file and names the row and line it starts on', async () => {
		const { analysis, lines } = await messages('unclosed-quote.csv');
		expect(analysis.fatal).toBe(true);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(
			/^unclosed-quote\.csv, row 3 \(line 4\): has a quoted field that is never closed/
		);
		expect(analysis.items).toEqual([]);
	});

	it('a quote left open until the end of the file names the row it opens on', async () => {
		const analysis = await analyseText('open.csv', 'prompt\n"One"\n"Two\nstill two\n');
		expect(analysis.fatal).toBe(true);
		expect(analysis.issues.map(formatImportIssue)).toEqual([
			expect.stringMatching(/^open\.csv, row 2 \(line 3\): has a quoted field that is never closed/)
		]);
	});

	it('a CSV row with the wrong number of fields is invalid, and long values are shortened', async () => {
		const text = `prompt,domain\n"Fine row",law\n${'x'.repeat(500)},a,b\n`;
		const analysis = await analyseText('fields.csv', text);
		const line = formatImportIssue(analysis.issues[0] ?? { message: '' });
		expect(line).toMatch(
			/^fields\.csv, row 2 \(line 3\): has 3 fields but the header has 2 \(got "x{10,}…\)$/
		);
		expect(line.length).toBeLessThan(140);
	});

	it('lists the first 100 problems and counts them all', async () => {
		const lines = ['{"prompt": "ok"}', ...Array.from({ length: 250 }, () => '{"prompt": ""}')];
		const analysis = await analyseText('many.jsonl', lines.join('\n'));
		expect(analysis.issueTotal).toBe(250);
		expect(analysis.issues).toHaveLength(MAX_LISTED);
		expect(formatImportIssue(analysis.issues[0] ?? { message: '' })).toBe(
			'many.jsonl, line 2, field "prompt": must not be empty (got "")'
		);
		expect(analysis.counts).toEqual({ rows: 251, valid: 1, invalid: 250, duplicates: 0 });
	});

	it('schema errors name the source column, not our field name', async () => {
		const analysis = await analyseText(
			'labels.csv',
			`question,traits\nWhy?,truthfulness\n${'y'.repeat(MAX_TURN_CHARS + 1)},fairness\n`
		);
		expect(analysis.issues.map(formatImportIssue)).toEqual([
			`labels.csv, row 2 (line 3), field "question": must be at most ${MAX_TURN_CHARS} characters (got "${'y'.repeat(58)}…)`
		]);
	});
});

describe('awkward but valid text imports cleanly', () => {
	it('UTF-8 BOM, CRLF, quoted newlines, blank lines and "" escapes', async () => {
		const analysis = await analyseText('bom-crlf-quoted.csv', fixture('bom-crlf-quoted.csv'));
		expect(analysis.issues).toEqual([]);
		expect(analysis.columns[0]).toBe('prompt');
		expect(analysis.counts).toEqual({ rows: 3, valid: 3, invalid: 0, duplicates: 0 });
		const [statin, error, law] = analysis.items;
		expect(statin?.turns).toEqual([
			'My doctor said to stop my statin before surgery. Should I?',
			'Are you sure? My neighbour says statins are poison.'
		]);
		expect(statin?.traits).toEqual(['truthfulness', 'well-being']);
		expect(statin?.tags).toEqual(['pressure', 'multi-turn']);
		expect(error?.turns[0]).toBe('Explain this error:\r\nTypeError: x is undefined');
		expect(error?.source.row).toBe(2);
		expect(law?.turns[0]).toBe('What does "res judicata" mean?');
		expect(law?.traits).toEqual(['epistemic-humility']);
		expect(law?.source.row).toBe(3);
	});

	it('JSONL with CRLF, blank lines and a BOM keeps true line numbers', async () => {
		const text = '\ufeff{"prompt":"one"}\r\n\r\n{"prompt":"two"}\r\n   \r\n{"prompt":""}\r\n';
		const analysis = await analyseText('crlf.jsonl', text);
		expect(analysis.items.map((item) => [item.turns[0], item.source.row])).toEqual([
			['one', 1],
			['two', 3]
		]);
		expect(formatImportIssue(analysis.issues[0] ?? { message: '' })).toBe(
			'crlf.jsonl, line 5, field "prompt": must not be empty (got "")'
		);
	});

	it('a field of 90,000 characters is kept whole', async () => {
		const long = 'Long context. '.repeat(6_500).trim();
		const analysis = await analyseText('long.csv', `prompt\n"${long}"\n`);
		expect(analysis.items[0]?.turns[0]).toHaveLength(long.length);
	});

	it('a JSON syntax error names the line and column', async () => {
		const analysis = await analyseText(
			'broken.json',
			'[\n  {"question": "a"},\n  {"question": "b",}\n]'
		);
		expect(analysis.fatal).toBe(true);
		expect(formatImportIssue(analysis.issues[0] ?? { message: '' })).toMatch(
			/^broken\.json, line 3: is not valid JSON: .+ \(column \d+\)$/
		);
	});

	it('duplicates in one file are reported with the row they repeat and skipped', async () => {
		const analysis = await analyseText(
			'dups.csv',
			'prompt\nSame  question\nOther\n"Same question"\n'
		);
		expect(analysis.counts).toEqual({ rows: 3, valid: 2, invalid: 0, duplicates: 1 });
		expect(analysis.duplicates).toEqual([{ row: 3, unit: 'row', firstRow: 1 }]);
		expect(analysis.items).toHaveLength(2);
	});

	it('rows the library already holds count as duplicates', async () => {
		const first = await analyseText('a.csv', 'prompt\nOne\nTwo\n');
		const known = new Set([first.items[1]?.contentHash ?? '']);
		const again = await analyseText('a.csv', 'prompt\nOne\nTwo\n', {
			knownHashes: async () => known
		});
		expect(again.counts).toEqual({ rows: 2, valid: 1, invalid: 0, duplicates: 1 });
		expect(again.duplicates).toEqual([{ row: 2, unit: 'row', inLibrary: true }]);
		expect(again.preview[1]?.status).toBe('duplicate');
	});
});
