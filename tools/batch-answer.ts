// Plays the OpenAI Batch API offline: turns a batch input file (JSONL of chat-completion
// requests) into the output file the provider would return, answering each request exactly as the
// mock server would (same persona generators, same max_tokens cut and usage counts). Tests and
// demos use it to close the Batch round trip without a provider account.
//
//   npx tsx tools/batch-answer.ts input.jsonl [output.jsonl]     (stdout without an output path)
//
// A model suffix turns a line into a failure, like the server's faults: `@500`, `@429`, `@401`,
// `@404` give that HTTP status; `@expired` gives a batch-level error; `@empty` answers nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { countPromptTokens, findModel } from './mock-openai/models';
import { splitModel } from './mock-openai/scenarios';
import { hashString } from './mock-openai/text';
import { isHttpError, modelNotFound, parseChatRequest, wireError } from './mock-openai/wire';
import type { HttpError } from './mock-openai/wire';

const CREATED = 1_735_689_600;
const HTTP_FAULTS: Record<string, () => HttpError> = {
	'401': () =>
		wireError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
	'404': () => wireError(404, 'Not found.', 'invalid_request_error'),
	'429': () => wireError(429, 'Rate limit reached.', 'requests', 'rate_limit_exceeded'),
	'500': () => wireError(500, 'The server had an error processing your request.', 'server_error')
};

interface InputLine {
	custom_id?: unknown;
	method?: unknown;
	url?: unknown;
	body?: unknown;
}

function outputLine(index: number, customId: string, status: number, body: unknown) {
	return {
		id: `batch_req_mock${index.toString(36).padStart(6, '0')}`,
		custom_id: customId,
		response: { status_code: status, request_id: `req_mock${hashString(customId)}`, body },
		error: null
	};
}

function answer(line: InputLine, index: number): unknown {
	const customId = typeof line.custom_id === 'string' ? line.custom_id : `line-${index + 1}`;
	if (line.url !== '/v1/chat/completions' || line.method !== 'POST') {
		const error = wireError(
			400,
			`Unsupported batch url ${String(line.url)}`,
			'invalid_request_error'
		);
		return outputLine(index, customId, error.status, error.body);
	}
	const request = parseChatRequest(line.body);
	if (isHttpError(request)) return outputLine(index, customId, request.status, request.body);
	const { base, faults } = splitModel(request.model);
	if (faults.includes('expired'))
		return {
			id: `batch_req_mock${index.toString(36).padStart(6, '0')}`,
			custom_id: customId,
			response: null,
			error: {
				code: 'batch_expired',
				message: 'This request could not be executed before the completion window expired.'
			}
		};
	const fault = faults.map((name) => HTTP_FAULTS[name]).find((make) => make !== undefined);
	if (fault) {
		const error = fault();
		return outputLine(index, customId, error.status, error.body);
	}
	const model = findModel(base);
	if (!model) {
		const error = modelNotFound(request.model);
		return outputLine(index, customId, error.status, error.body);
	}
	let tokens = faults.includes('empty')
		? []
		: model({ messages: request.messages, maxTokens: request.maxTokens }).tokens;
	let finish = 'stop';
	if (request.maxTokens !== undefined && tokens.length > request.maxTokens) {
		tokens = tokens.slice(0, request.maxTokens);
		finish = 'length';
	}
	const prompt = countPromptTokens(request.messages);
	return outputLine(index, customId, 200, {
		id: `chatcmpl-batch${index.toString(36).padStart(6, '0')}`,
		object: 'chat.completion',
		created: CREATED,
		model: request.model,
		choices: [
			{
				index: 0,
				message: { role: 'assistant', content: tokens.join(''), refusal: null, annotations: [] },
				logprobs: null,
				finish_reason: finish
			}
		],
		usage: {
			prompt_tokens: prompt,
			completion_tokens: tokens.length,
			total_tokens: prompt + tokens.length
		},
		service_tier: 'default',
		system_fingerprint: 'fp_mock0001'
	});
}

/** Answers every request of a Batch API input file; blank lines are skipped. */
export function answerBatch(input: string): string {
	const lines = input
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '')
		.map((line, index) => JSON.stringify(answer(JSON.parse(line) as InputLine, index)));
	return lines.length ? `${lines.join('\n')}\n` : '';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const [input, output] = process.argv.slice(2);
	if (!input) {
		console.error('usage: tsx tools/batch-answer.ts input.jsonl [output.jsonl]');
		process.exit(2);
	}
	const result = answerBatch(readFileSync(input, 'utf8'));
	if (output) writeFileSync(output, result);
	else process.stdout.write(result);
}
