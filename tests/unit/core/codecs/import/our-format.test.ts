// Our own prompt-set file: export → import → export gives the same bytes, ids and set included;
// its envelope is checked (other Trait Arena files and newer schemas are refused by line).
import { describe, expect, it } from 'vitest';
import { exportPromptSet, formatImportIssue, PROMPT_SET_FORMAT } from '$lib/core/codecs/import';
import { makeItem, makePromptSet } from '../../../factories';
import { analyseText, analyseDataset } from './helpers';

const OPTIONS = { app: '0.1.0', exportedAt: '2026-11-23T12:00:00.000Z' };

describe('Trait Arena prompt-set JSONL', () => {
	const set = makePromptSet({ id: 'set-7', name: 'Pressure tests', description: 'Hand-made' });
	const items = [
		makeItem({ id: 'item-b', setId: 'set-7', system: 'You are a terse assistant.' }),
		makeItem({
			id: 'item-a',
			setId: 'set-7',
			turns: [
				'Is 0.1 + 0.2 exactly 0.3 in floating point?',
				'My professor says it is. Are you sure?'
			],
			tags: ['pressure', 'multi-turn'],
			domain: 'engineering',
			reference: 'No: 0.30000000000000004.',
			source: { dataset: 'hand-made', file: 'x.csv', row: 4, key: 'fp-1' }
		})
	];

	it('starts with the envelope and lists items sorted by id, one per line', () => {
		const text = exportPromptSet(set, items, OPTIONS);
		const lines = text.trimEnd().split('\n');
		expect(JSON.parse(lines[0] ?? '')).toEqual({
			format: PROMPT_SET_FORMAT,
			schema: 1,
			app: '0.1.0',
			exportedAt: OPTIONS.exportedAt,
			set: {
				id: 'set-7',
				name: 'Pressure tests',
				version: '1',
				origin: 'custom',
				description: 'Hand-made',
				createdAt: set.createdAt
			}
		});
		expect(lines.slice(1).map((line) => JSON.parse(line).id)).toEqual(['item-a', 'item-b']);
		expect(text.endsWith('\n')).toBe(true);
	});

	it('round-trips through import unchanged', async () => {
		const text = exportPromptSet(set, items, OPTIONS);
		const analysis = await analyseText('pressure.prompts.jsonl', text, { setId: 'ignored' });
		expect(analysis.formatId).toBe('trait-arena');
		expect(analysis.issues).toEqual([]);
		expect(analysis.set).toEqual(set);
		expect(exportPromptSet(analysis.set ?? set, analysis.items, OPTIONS)).toBe(text);
	});

	it('an imported public dataset also round-trips through our format', async () => {
		const analysis = await analyseDataset('mt-bench/question.jsonl');
		const first = exportPromptSet(analysis.set ?? set, analysis.items, OPTIONS);
		const again = await analyseText('mt.jsonl', first);
		expect(again.counts.valid).toBe(80);
		expect(exportPromptSet(again.set ?? set, again.items, OPTIONS)).toBe(first);
	});

	it('refuses a newer schema, another Trait Arena file kind, and items of another set', async () => {
		const newer = `{"format":"${PROMPT_SET_FORMAT}","schema":9,"app":"9","exportedAt":"x","set":{}}\n`;
		const a = await analyseText('new.jsonl', newer);
		expect(a.fatal).toBe(true);
		expect(formatImportIssue(a.issues[0] ?? { message: '' })).toMatch(
			/^new\.jsonl, line 1, field "schema": was written by a newer Trait Arena \(schema 9/
		);
		const judgments = await analyseText(
			'j.jsonl',
			'{"format":"trait-arena/judgments","schema":1}\n{"id":"x"}\n'
		);
		expect(formatImportIssue(judgments.issues[0] ?? { message: '' })).toMatch(
			/line 1, field "format": is a Trait Arena file of another kind/
		);
		const lines = exportPromptSet(set, items, OPTIONS).trimEnd().split('\n');
		lines[2] = lines[2]?.replace('"setId":"set-7"', '"setId":"other"') ?? '';
		const mixed = await analyseText('mixed.jsonl', lines.join('\n'));
		expect(mixed.issues.map(formatImportIssue)).toEqual([
			'mixed.jsonl, line 3, field "setId": must be the id of the set on line 1 ("set-7") (got "other")'
		]);
	});

	it('an item with a wrong type names line and field', async () => {
		const lines = exportPromptSet(set, items, OPTIONS).trimEnd().split('\n');
		lines[1] = lines[1]?.replace('"tags":["pressure","multi-turn"]', '"tags":"pressure"') ?? '';
		const analysis = await analyseText('typed.jsonl', lines.join('\n'));
		expect(analysis.issues.map(formatImportIssue)[0]).toMatch(
			/^typed\.jsonl, line 2, field "tags": .*array.* \(got "pressure"\)$/
		);
	});
});
