// CSV through Papa Parse (RFC 4180 quoting, "" escapes, quoted newlines, CRLF, delimiter
// sniffing). The first row is the header. Rows are numbered as data rows (header excluded) and
// also carry the physical line they start on, because quoted newlines make the two differ. An
// unclosed quote swallows the rest of the file, so it fails the whole file, naming the row.
import Papa from 'papaparse';
import { emptyTable, stripBom } from './text';
import type { ImportIssue, SourceRecord, Table } from './types';
import { shorten } from '../../errors';

function headerNames(cells: readonly string[]): string[] {
	const seen = new Map<string, number>();
	return cells.map((cell, index) => {
		const base = cell.trim() || `column ${index + 1}`;
		const count = (seen.get(base) ?? 0) + 1;
		seen.set(base, count);
		return count === 1 ? base : `${base} (${count})`;
	});
}

export function readCsv(file: string, input: string): Table {
	const text = stripBom(input);
	const table = emptyTable(file, 'csv', 'row');
	const records: SourceRecord[] = [];
	let header: string[] | undefined;
	let rowIndex = -1;
	let scanned = 0;
	let line = 1;
	let previousEnd = 0;

	// Line of the first character at or after `from` that is not a line break.
	const lineAt = (from: number): number => {
		let position = from;
		while (position < text.length && (text[position] === '\n' || text[position] === '\r'))
			position++;
		for (; scanned < position; scanned++) if (text.charCodeAt(scanned) === 10) line++;
		return line;
	};

	Papa.parse<string[]>(text, {
		skipEmptyLines: 'greedy',
		step: (results, parser) => {
			const startLine = lineAt(previousEnd);
			previousEnd = results.meta.cursor;
			rowIndex++;
			const row = rowIndex;
			const cells = results.data;
			let broken = false;
			for (const error of results.errors) {
				if (error.code === 'UndetectableDelimiter') continue;
				// A quote that is not closed where it should be moves every later row boundary:
				// nothing after it can be trusted, so the whole file fails here.
				if (error.type === 'Quotes') {
					table.issues.push(unclosed(file, row, startLine));
					table.fatal = true;
					parser.abort();
					return;
				}
				broken = true;
				table.issues.push({
					file,
					row,
					unit: 'row',
					line: startLine,
					message: `cannot be read as CSV: ${error.message}`
				});
			}
			if (broken) return;
			if (!header) {
				header = headerNames(cells);
				return;
			}
			if (cells.length !== header.length) {
				table.issues.push(fieldCount(file, row, startLine, cells, header.length));
				return;
			}
			const value: Record<string, unknown> = {};
			header.forEach((name, index) => (value[name] = cells[index] ?? ''));
			records.push({ row, line: startLine, value });
		}
	});
	table.columns = header ?? [];
	table.records = records;
	return table;
}

function unclosed(file: string, row: number, line: number): ImportIssue {
	return {
		file,
		row,
		unit: 'row',
		line,
		message:
			'has a quoted field that is never closed properly (a " with no closing " before the next comma or line end), so the rows after it cannot be read. Close the quote, or double it ("") inside the field.'
	};
}

function fieldCount(
	file: string,
	row: number,
	line: number,
	cells: readonly string[],
	expected: number
): ImportIssue {
	return {
		file,
		row,
		unit: 'row',
		line,
		message: `has ${cells.length} field${cells.length === 1 ? '' : 's'} but the header has ${expected}`,
		value: shorten(cells.join(','))
	};
}
