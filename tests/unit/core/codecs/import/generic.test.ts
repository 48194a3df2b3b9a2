// Files of no known format: the column mapping (guessed, then chosen) decides every field, and
// the container is sniffed from the name or the first characters.
import { describe, expect, it } from 'vitest';
import { containerOf, detectFormat, readTable, suggestMapping } from '$lib/core/codecs/import';
import { slugList, slugify, traitSlug } from '$lib/core/codecs/import';
import { analyseText } from './helpers';

describe('column mapping', () => {
	it('guesses the prompt, follow-ups, traits, domain, tags and id from common names', () => {
		expect(
			suggestMapping([
				'ID',
				'Question',
				'Follow-up',
				'Trait',
				'Domain',
				'Category',
				'Answer',
				'System Prompt'
			])
		).toEqual({
			prompt: 'Question',
			followUps: ['Follow-up'],
			system: 'System Prompt',
			traits: 'Trait',
			domain: 'Domain',
			reference: 'Answer',
			key: 'ID',
			tags: ['Category']
		});
		expect(suggestMapping(['a', 'b'])).toBeUndefined();
	});

	it('applies chosen columns and constants to every row', async () => {
		const csv = 'q,steer,next,kind,area\nDose check?,Be brief.,Sure?,"pressure|dose",Health\n';
		const analysis = await analyseText('own.csv', csv, {
			mapping: {
				prompt: 'q',
				system: 'steer',
				followUps: ['next'],
				tags: ['kind'],
				domain: 'area',
				constantTraits: ['Well being', 'honesty'],
				constantTags: ['Pilot 2']
			}
		});
		expect(analysis.issues).toEqual([]);
		expect(analysis.items[0]).toMatchObject({
			system: 'Be brief.',
			turns: ['Dose check?', 'Sure?'],
			traits: ['well-being', 'truthfulness'],
			domain: 'health',
			tags: ['pressure', 'dose', 'pilot-2'],
			source: { dataset: 'own.csv', file: 'own.csv', row: 1 }
		});
		expect(analysis.set?.name).toBe('own');
	});

	it('a JSON list field as the prompt becomes the turns', async () => {
		const analysis = await analyseText(
			'chats.json',
			JSON.stringify({ data: [{ turns: ['Hi', 'And?'] }] })
		);
		expect(analysis.formatId).toBe('generic');
		expect(analysis.items[0]?.turns).toEqual(['Hi', 'And?']);
	});

	it('slugs labels into the open vocabulary', () => {
		expect(slugify('Indexical Error: Time')).toBe('indexical-error-time');
		expect(slugify('  piñata  ')).toBe('pinata');
		expect(slugify('contrast_homonyms')).toBe('contrast_homonyms');
		expect(slugify('!!!')).toBe('');
		expect(traitSlug('Epistemic Humility')).toBe('epistemic-humility');
		expect(traitSlug('wellbeing')).toBe('well-being');
	});

	it('splits list cells into slugs, the same each time a cell repeats, as a fresh list', () => {
		const first = slugList('Wellbeing; fairness, wellbeing | ', traitSlug);
		expect(first).toEqual(['well-being', 'fairness']);
		first.push('changed');
		expect(slugList('Wellbeing; fairness, wellbeing | ', traitSlug)).toEqual([
			'well-being',
			'fairness'
		]);
		expect(slugList('Wellbeing; fairness, wellbeing | ')).toEqual(['wellbeing', 'fairness']);
		expect(slugList(['A b', 3, null])).toEqual(['a-b', '3']);
	});
});

describe('detection', () => {
	it('reads the container from the extension, else from the first characters', () => {
		expect(containerOf('a.CSV', '{')).toBe('csv');
		expect(containerOf('a.ndjson', '[')).toBe('jsonl');
		expect(containerOf('a.json', '{"a":1}\n{"a":2}\n')).toBe('jsonl');
		expect(containerOf('a.json', '{\n "a": 1\n}')).toBe('json');
		expect(containerOf('export', '[{"a":1}]')).toBe('json');
		expect(containerOf('export', 'a,b\n1,2')).toBe('csv');
	});

	it('known shapes are recognised by their fields even under another name', () => {
		const table = readTable(
			'renamed.csv',
			'id,prompt,type,label,focus,note\n1,Hi,homonyms,safe,,\n'
		);
		const detection = detectFormat(table);
		expect(detection.kind === 'dataset' && detection.format.id).toBe('xstest');
	});

	it('a bare {question} list is CAA only under a CAA-like name', () => {
		const text = '[{"question": "Do you agree?"}]';
		const caa = detectFormat(readTable('sycophancy_open_ended.json', text));
		expect(caa.kind === 'dataset' && caa.format.id).toBe('caa-sycophancy');
		const other = detectFormat(readTable('questions.json', text));
		expect(other).toEqual({ kind: 'generic', mapping: { prompt: 'question' } });
	});
});
