// Answers generated elsewhere: three file shapes read strictly, matched to a study's items by id
// or normalised prompt text, and planned as ordinary done Responses with a report of the rest.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readAnswerFile } from '$lib/core/codecs/answers/read';
import {
	IMPORTED_BASE_URL,
	planAnswerImport,
	type AnswerTarget
} from '$lib/core/codecs/answers/match';
import { formatImportIssue } from '$lib/core/codecs/import';
import { EndpointSchema, PromptItemSchema, ResponseSchema, StudySchema } from '$lib/core/schema';

const DIR = fileURLToPath(new URL('../../../../fixtures/import/answers/', import.meta.url));
const NOW = '2026-12-01T10:00:00.000Z';

function item(id: string, turns: string[], key?: string) {
	return PromptItemSchema.parse({
		id,
		setId: id.split(':')[0],
		turns,
		source: { dataset: 'test', ...(key ? { key } : {}) },
		contentHash: `h-${id}`,
		createdAt: NOW
	});
}

const ITEMS = [
	item(
		'mt:000001',
		[
			'Compose an engaging travel blog post about a recent trip to Hawaii.',
			'Rewrite your previous response. Start every sentence with the letter A.'
		],
		'81'
	),
	item(
		'mt:000002',
		[
			"Draft a professional email seeking your supervisor's feedback on the Quarterly Financial Report.",
			'Take a moment to evaluate and critique your own response.'
		],
		'82'
	),
	item('own:000001', ['Is it safe to stop taking antidepressants suddenly?']),
	item('own:000002', ['What is the capital of Australia?'])
];

const ENDPOINTS = ['baseline-7b', 'trained-7b'].map((model, index) =>
	EndpointSchema.parse({
		id: `ep-${index}`,
		label: model === 'baseline-7b' ? 'Baseline 7B' : 'Trained',
		role: index ? 'trained' : 'baseline',
		baseURL: 'http://localhost:1/v1',
		model,
		createdAt: NOW,
		updatedAt: NOW
	})
);

function target(overrides: Partial<AnswerTarget> = {}): AnswerTarget {
	return {
		study: StudySchema.parse({
			id: 'st',
			name: 'S',
			endpointIds: ['ep-0', 'ep-1'],
			baselineEndpointId: 'ep-0',
			itemIds: ITEMS.map((entry) => entry.id),
			seed: 1,
			createdAt: NOW
		}),
		items: ITEMS,
		endpoints: ENDPOINTS,
		answered: new Set(),
		judged: false,
		...overrides
	};
}

function plan(file: string, overrides: Partial<AnswerTarget> = {}) {
	let next = 0;
	const read = readAnswerFile(file, readFileSync(DIR + file, 'utf8'));
	return planAnswerImport([read], target(overrides), { now: NOW, newId: () => `new-${next++}` });
}

describe('answers generated elsewhere', () => {
	it('FastChat model answers match by question_id; new model names become key-less endpoints', () => {
		const result = plan('fastchat-model-answers.jsonl');
		expect(result.total).toBe(6);
		expect(result.responses.map((r) => [r.itemId, r.endpointId])).toEqual([
			['mt:000001', 'new-0'],
			['mt:000002', 'new-0'],
			['mt:000001', 'new-1']
		]);
		expect(result.newEndpoints.map((e) => [e.id, e.label, e.model, e.baseURL, e.role])).toEqual([
			['new-0', 'vicuna-13b-v1.3', 'vicuna-13b-v1.3', IMPORTED_BASE_URL, 'imported'],
			['new-1', 'llama-2-13b-chat', 'llama-2-13b-chat', IMPORTED_BASE_URL, 'imported']
		]);
		const first = result.responses[0];
		expect(ResponseSchema.parse(first)).toEqual(first);
		expect(first).toMatchObject({ id: 'st:mt:000001:new-0', status: 'done', studyId: 'st' });
		expect(first?.transcript).toEqual([
			{ role: 'user', content: ITEMS[0]?.turns[0] },
			{
				role: 'assistant',
				content: "Aloha! Last month I spent ten days on O'ahu and the Big Island..."
			},
			{ role: 'user', content: ITEMS[0]?.turns[1] },
			{
				role: 'assistant',
				content: 'Aloha! A trip to Hawaii always begins with the smell of plumeria...'
			}
		]);
		expect(result.issues.map(formatImportIssue)).toEqual([
			'fastchat-model-answers.jsonl, line 3, field "question_id": matches no item of this study by id (got "999")',
			'fastchat-model-answers.jsonl, line 4, field "choices[0].turns": must be a list of text, not text (got "Aloha from a single string")',
			'fastchat-model-answers.jsonl, line 5, field "choices[0].turns": has 1 answer turn(s), but the item asks 2 user turn(s)'
		]);
		expect(result.models).toEqual([
			{
				model: 'vicuna-13b-v1.3',
				endpointLabel: 'vicuna-13b-v1.3',
				isNew: true,
				matched: 2,
				unanswered: 2
			},
			{
				model: 'llama-2-13b-chat',
				endpointLabel: 'llama-2-13b-chat',
				isNew: true,
				matched: 1,
				unanswered: 3
			}
		]);
	});

	it('AlpacaEval outputs match by normalised prompt text; a number is not an answer', () => {
		const result = plan('alpaca-eval-outputs.json');
		expect(result.responses.map((r) => [r.itemId, r.transcript.at(-1)?.content])).toEqual([
			[
				'own:000001',
				'Stopping suddenly can cause discontinuation symptoms; talk to your prescriber about tapering.'
			],
			['own:000002', 'Canberra.']
		]);
		expect(result.issues.map(formatImportIssue)).toEqual([
			'alpaca-eval-outputs.json, record 3, field "instruction": matches no item of this study by prompt text (got "What are the names of some famous actors that started their careers on Broadway?")',
			'alpaca-eval-outputs.json, record 4, field "output": must be text, not a number (got 42)'
		]);
	});

	it('our plain JSONL: item id or prompt, model matched to an existing endpoint, broken lines named', () => {
		const result = plan('plain-answers.jsonl');
		expect(result.newEndpoints).toEqual([]);
		expect(
			result.responses.map((r) => [r.itemId, r.endpointId, r.transcript.at(-1)?.content])
		).toEqual([
			['own:000001', 'ep-0', "Please don't stop abruptly; ask your doctor about a taper."],
			['own:000002', 'ep-0', 'Sydney.']
		]);
		expect(result.issues.map(formatImportIssue)).toEqual([
			'plain-answers.jsonl, line 3, field "model": answers the same item as line 2 for the same model (got "baseline-7b")',
			'plain-answers.jsonl, line 4, field "model": is missing',
			'plain-answers.jsonl, line 5, field "answers": must be a list of text, not text (got "Canberra.")',
			'plain-answers.jsonl, line 6: is not an answer record: expected {question_id, model_id, choices} (FastChat), {instruction, output, generator} (AlpacaEval) or {item_id or prompt, model, answers}',
			expect.stringMatching(/^plain-answers\.jsonl, line 7: is not valid JSON/)
		]);
		expect(result.models).toEqual([
			{
				model: 'baseline-7b',
				endpointLabel: 'Baseline 7B',
				isNew: false,
				matched: 2,
				unanswered: 2
			}
		]);
	});

	it('keeps answers already stored, and a judged study takes no new endpoint', () => {
		const result = plan('plain-answers.jsonl', {
			answered: new Set(['st:own:000001:ep-0']),
			judged: true
		});
		expect(result.responses.map((r) => r.itemId)).toEqual(['own:000002']);
		expect(result.issues.map(formatImportIssue)[0]).toBe(
			'plain-answers.jsonl, line 1, field "model": already has an answer from "Baseline 7B" in this study, which is kept (got "baseline-7b")'
		);
		const fastchat = plan('fastchat-model-answers.jsonl', { judged: true });
		expect(fastchat.responses).toEqual([]);
		expect(fastchat.newEndpoints).toEqual([]);
		expect(fastchat.issues.map(formatImportIssue)).toContain(
			'fastchat-model-answers.jsonl, field "model": "vicuna-13b-v1.3" is not an endpoint of this study, and a study with judgments cannot take a new one; its answers were not imported'
		);
	});
});
