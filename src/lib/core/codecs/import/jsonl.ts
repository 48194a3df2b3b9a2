// JSON Lines: one JSON object per line. Each line parses on its own, so one broken line is
// reported by its line number and the rest of the file still reads. Blank lines and CRLF endings
// are accepted (editors and Windows tools add them).
import { emptyTable, isPlainObject, jsonSyntax, stripBom, columnsOf } from './text';
import { describeType } from './fields';
import type { SourceRecord, Table } from './types';
import { shorten } from '../../errors';

export function readJsonl(file: string, input: string): Table {
	const text = stripBom(input);
	const table = emptyTable(file, 'jsonl', 'line');
	const records: SourceRecord[] = [];
	let start = 0;
	let line = 0;
	while (start <= text.length) {
		let end = text.indexOf('\n', start);
		if (end < 0) end = text.length;
		line++;
		let content = text.slice(start, end);
		if (content.endsWith('\r')) content = content.slice(0, -1);
		start = end + 1;
		if (content.trim() === '') {
			if (end < text.length) table.blankRows++;
			continue;
		}
		let value: unknown;
		try {
			value = JSON.parse(content);
		} catch (error) {
			const syntax = jsonSyntax(error, content);
			table.issues.push({
				file,
				row: line,
				unit: 'line',
				message: `is not valid JSON: ${syntax.message} (column ${syntax.column})`,
				value: shorten(content, 60)
			});
			continue;
		}
		if (!isPlainObject(value)) {
			table.issues.push({
				file,
				row: line,
				unit: 'line',
				message: `must be a JSON object, not ${describeType(value)}`,
				value: shorten(value)
			});
			continue;
		}
		records.push({ row: line, value });
	}
	table.records = records;
	table.columns = columnsOf(records.map((record) => record.value));
	return table;
}
