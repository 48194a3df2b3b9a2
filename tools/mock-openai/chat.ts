// `POST /v1/chat/completions`: validate, resolve faults, generate, then answer as JSON or SSE.
// Generation happens before any byte is sent, so every fault (slow, drop, malformed, hang…)
// applies to exactly the answer an undisturbed request would have received.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { countPromptTokens, findModel } from './models';
import type { Generation } from './models';
import { FaultState, planFaults, requestedFaults, splitModel } from './scenarios';
import type { FaultPlan } from './scenarios';
import { headerValue, sendError, sendJson } from './http';
import type { RecordedRequest } from './recording';
import {
	ChunkFrames,
	DONE_FRAME,
	DROP,
	HANG,
	MALFORMED_FRAME,
	pumpSteps,
	sendErrorEvent,
	startEventStream
} from './sse';
import type { FinishReason, Step, Usage } from './sse';
import { hashString } from './text';
import { isHttpError, modelNotFound, parseChatRequest } from './wire';
import type { ChatRequest, HttpError } from './wire';

export interface ChatDeps {
	faults: FaultState;
	record: RecordedRequest;
	/** Makes completion ids unique per server without randomness. */
	sequence: number;
}

interface Completion {
	id: string;
	created: number;
	request: ChatRequest;
	plan: FaultPlan;
	tokens: string[];
	reasoning: string[];
	reasoningField: string;
	finish: FinishReason;
	usage: Usage;
}

const SYSTEM_FINGERPRINT = 'fp_mock0001';
/** Where in the answer the mid-stream faults strike: late enough that some content arrived. */
const DROP_AFTER_TOKENS = 8;

function shape(generation: Generation, request: ChatRequest, plan: FaultPlan) {
	if (plan.empty) return { tokens: [], reasoning: [], finish: 'stop' as FinishReason };
	let tokens = generation.tokens;
	let finish: FinishReason = 'stop';
	if (request.maxTokens !== undefined && tokens.length > request.maxTokens) {
		tokens = tokens.slice(0, request.maxTokens);
		finish = 'length';
	}
	if (plan.filter) {
		tokens = tokens.slice(0, Math.ceil(tokens.length / 3));
		finish = 'content_filter';
	}
	return { tokens, reasoning: generation.reasoning, finish };
}

function usageOf(request: ChatRequest, tokens: string[], reasoning: string[]): Usage {
	const prompt = countPromptTokens(request.messages);
	const completion = tokens.length + reasoning.length;
	return {
		prompt_tokens: prompt,
		completion_tokens: completion,
		total_tokens: prompt + completion,
		...(reasoning.length > 0
			? { completion_tokens_details: { reasoning_tokens: reasoning.length } }
			: {})
	};
}

function* streamSteps(c: Completion): Generator<Step> {
	const frames = new ChunkFrames({
		id: c.id,
		created: c.created,
		model: c.request.model,
		systemFingerprint: SYSTEM_FINGERPRINT,
		includeUsage: c.request.includeUsage
	});
	yield frames.frame({ role: 'assistant', content: '', refusal: null });
	if (c.plan.hang) {
		yield HANG;
		return;
	}
	for (const token of c.reasoning) yield frames.frame({ [c.reasoningField]: token });
	const dropAt = c.plan.drop ? Math.min(DROP_AFTER_TOKENS, Math.floor(c.tokens.length / 2)) : -1;
	const malformedAt = c.plan.malformed ? Math.floor(c.tokens.length / 2) : -1;
	for (const [index, token] of c.tokens.entries()) {
		if (index === dropAt) {
			yield DROP;
			return;
		}
		if (index === malformedAt) yield MALFORMED_FRAME;
		yield frames.content(token);
	}
	if (c.plan.drop) {
		yield DROP;
		return;
	}
	if (c.plan.malformed && c.tokens.length === 0) yield MALFORMED_FRAME;
	yield frames.frame({}, c.finish);
	if (c.request.includeUsage) yield frames.usage(c.usage);
	yield DONE_FRAME;
}

function completionBody(c: Completion) {
	const reasoning = c.reasoning.length > 0 ? { [c.reasoningField]: c.reasoning.join('') } : {};
	return {
		id: c.id,
		object: 'chat.completion',
		created: c.created,
		model: c.request.model,
		choices: [
			{
				index: 0,
				message: {
					role: 'assistant',
					content: c.tokens.join(''),
					refusal: null,
					annotations: [],
					...reasoning
				},
				logprobs: null,
				finish_reason: c.finish
			}
		],
		usage: c.usage,
		service_tier: 'default',
		system_fingerprint: SYSTEM_FINGERPRINT
	};
}

function respondOnce(res: ServerResponse, c: Completion, record: RecordedRequest): void {
	if (c.plan.hang) return;
	if (c.plan.drop) {
		record.dropped = true;
		res.destroy();
		return;
	}
	const send = () => {
		if (!c.plan.malformed) return sendJson(res, 200, completionBody(c));
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{not json');
	};
	const delay = c.plan.delayMs * Math.max(1, c.tokens.length);
	if (delay === 0) return send();
	const timer = setTimeout(send, delay);
	res.on('close', () => clearTimeout(timer));
}

/** True when a streaming request asked (fault `instream`) for errors inside a 200 stream. */
export function wantsErrorsInStream(req: IncomingMessage, body: unknown): boolean {
	if (typeof body !== 'object' || body === null) return false;
	const { model, stream } = body as { model?: unknown; stream?: unknown };
	if (stream !== true) return false;
	const suffixFaults = typeof model === 'string' ? splitModel(model).faults : [];
	return requestedFaults({ suffixFaults, header: headerValue(req, 'x-mock-fault') }).includes(
		'instream'
	);
}

/** Answers an error as an HTTP status, or inside a 200 stream when the request asked for that. */
export function sendChatError(
	req: IncomingMessage,
	res: ServerResponse,
	body: unknown,
	error: HttpError
): void {
	if (wantsErrorsInStream(req, body)) sendErrorEvent(res, error.body);
	else sendError(res, error);
}

/** Handles a chat completion whose caller already passed auth; `body` is the parsed JSON. */
export function handleChat(
	req: IncomingMessage,
	res: ServerResponse,
	body: unknown,
	deps: ChatDeps
): void {
	const fail = (error: HttpError) => sendChatError(req, res, body, error);
	const request = parseChatRequest(body);
	if (isHttpError(request)) return fail(request);
	const { base, faults } = splitModel(request.model);
	const plan = planFaults(
		{
			suffixFaults: faults,
			header: headerValue(req, 'x-mock-fault'),
			delayHeader: headerValue(req, 'x-mock-delay-ms'),
			model: request.model,
			onceKey:
				headerValue(req, 'x-mock-fault-key') ??
				String(hashString(JSON.stringify([request.model, request.messages])))
		},
		deps.faults
	);
	if (isHttpError(plan)) return fail(plan);
	const model = findModel(base);
	if (model === undefined) return fail(modelNotFound(request.model));

	const { tokens, reasoning, finish } = shape(
		model({ messages: request.messages, maxTokens: request.maxTokens }),
		request,
		plan
	);
	const completion: Completion = {
		id: `chatcmpl-mock${deps.sequence.toString(36).padStart(6, '0')}`,
		created: Math.floor(Date.now() / 1000),
		request,
		plan,
		tokens,
		reasoning,
		reasoningField:
			headerValue(req, 'x-mock-reasoning-field') === 'reasoning'
				? 'reasoning'
				: 'reasoning_content',
		finish,
		usage: usageOf(request, tokens, reasoning)
	};
	if (!request.stream) return respondOnce(res, completion, deps.record);
	startEventStream(res);
	deps.record.status = 200;
	pumpSteps(res, streamSteps(completion), plan.delayMs, {
		onDrop: () => {
			deps.record.dropped = true;
		}
	});
}
