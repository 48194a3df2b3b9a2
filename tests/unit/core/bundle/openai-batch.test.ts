import { describe, expect, it } from 'vitest';
import {
	applyBatchOutput,
	batchCustomId,
	buildBatchInput,
	parseCustomId
} from '$lib/core/bundle/openai-batch';
import type { Response } from '$lib/core/schema';
import { makeEndpoint, makeItem, T0 } from '../../factories';

const endpoint = makeEndpoint({ systemPrompt: 'Be kind.' });
const single = makeItem({ id: 'i1', turns: ['First question?'] });
const multi = makeItem({ id: 'i2', turns: ['Is 0.1 + 0.2 = 0.3 in floats?', 'Are you sure?'] });
const items = new Map([single, multi].map((item) => [item.id, item]));
const endpoints = new Map([[endpoint.id, endpoint]]);

function answer(customId: string, content: string) {
	return JSON.stringify({
		id: `batch_req_${customId.length}`,
		custom_id: customId,
		response: {
			status_code: 200,
			body: {
				object: 'chat.completion',
				model: endpoint.model,
				choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
				usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }
			}
		},
		error: null
	});
}

describe('OpenAI Batch API files', () => {
	it('custom ids round-trip', () => {
		const id = batchCustomId('s', 'i', 'e', 2);
		expect(parseCustomId(id)).toEqual({ studyId: 's', itemId: 'i', endpointId: 'e', turn: 2 });
		expect(parseCustomId('other|x')).toBeUndefined();
	});

	it('asks for the first turn of every item, with the endpoint system prompt and params', () => {
		const input = buildBatchInput('s1', [single, multi], endpoint, new Map());
		const lines = input.jsonl
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(input.requests).toBe(2);
		expect(lines[0]).toMatchObject({
			custom_id: batchCustomId('s1', 'i1', endpoint.id, 0),
			method: 'POST',
			url: '/v1/chat/completions',
			body: {
				model: 'mock-baseline',
				temperature: 0.7,
				max_tokens: 512,
				messages: [
					{ role: 'system', content: 'Be kind.' },
					{ role: 'user', content: 'First question?' }
				]
			}
		});
	});

	it('runs multi-turn items round by round, each follow-up after the model’s own answer', () => {
		let responses = new Map<string, Response>();
		const round1 = buildBatchInput('s1', [single, multi], endpoint, responses);
		const output1 = round1.jsonl
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line).custom_id as string)
			.map((customId) => answer(customId, `answer to ${parseCustomId(customId)?.itemId}`))
			.join('\n');
		const applied1 = applyBatchOutput(output1, 'out.jsonl', 's1', items, endpoints, responses, T0);
		expect(applied1.issues).toEqual([]);
		responses = new Map(applied1.responses.map((r) => [r.id, r]));
		expect(responses.get(`s1:i1:${endpoint.id}`)?.status).toBe('done');
		expect(responses.get(`s1:i2:${endpoint.id}`)?.status).toBe('pending');

		const round2 = buildBatchInput('s1', [single, multi], endpoint, responses);
		expect(round2).toMatchObject({ requests: 1, complete: 1 });
		const request = JSON.parse(round2.jsonl);
		expect(request.body.messages.map((m: { content: string }) => m.content)).toEqual([
			'Be kind.',
			'Is 0.1 + 0.2 = 0.3 in floats?',
			'answer to i2',
			'Are you sure?'
		]);
		const applied2 = applyBatchOutput(
			answer(request.custom_id, 'Yes, I am.'),
			'out2.jsonl',
			's1',
			items,
			endpoints,
			responses,
			T0
		);
		const done = applied2.responses[0];
		expect(done?.status).toBe('done');
		expect(done?.transcript.filter((m) => m.role === 'assistant').map((m) => m.content)).toEqual([
			'answer to i2',
			'Yes, I am.'
		]);
		expect(done?.usage).toEqual({
			promptTokens: 20,
			completionTokens: 10,
			totalTokens: 30,
			estimated: false
		});
	});

	it('reports each bad output line by number and field', () => {
		const good = answer(batchCustomId('s1', 'i1', endpoint.id, 0), 'ok');
		const text = [
			good,
			'{not json',
			JSON.stringify({
				custom_id: batchCustomId('s1', 'i1', endpoint.id, 0),
				response: null,
				error: { code: 'x', message: 'Model overloaded' }
			}),
			answer(batchCustomId('other-study', 'i1', endpoint.id, 0), 'x'),
			answer(batchCustomId('s1', 'nope', endpoint.id, 0), 'x')
		].join('\n');
		const result = applyBatchOutput(text, 'out.jsonl', 's1', items, endpoints, new Map(), T0);
		expect(result.responses).toHaveLength(1);
		expect(result.issues.map((issue) => [issue.row, issue.field])).toEqual([
			[2, undefined],
			[3, 'error'],
			[4, 'custom_id'],
			[5, 'custom_id']
		]);
		expect(result.issues[1]?.message).toBe('Model overloaded');
	});
});
