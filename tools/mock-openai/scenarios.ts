// Fault injection as data: a request names faults (model suffix `mock-baseline@slow` or header
// `x-mock-fault: slow,droponce`) and this module turns them into one plan the protocol layer
// follows. Declarative names rather than callbacks so a browser test can pick a fault with nothing
// but a model id or a header, and so "once" faults can be reset from the control plane.
// `instream` changes how errors are sent rather than adding one: with `stream: true`, an error
// fault, a rejected key or an unknown model is answered HTTP 200 with one `error` event, the way
// LiteLLM and mock-llm answer.

import { invalidApiKey, modelNotFound, wireError } from './wire';
import type { HttpError } from './wire';

export const FAULTS = [
	'slow',
	'401',
	'404',
	'429',
	'429once',
	'500',
	'500once',
	'drop',
	'droponce',
	'malformed',
	'hang',
	'empty',
	'filter',
	'instream'
] as const;
export type Fault = (typeof FAULTS)[number];

export const SLOW_DELAY_MS = 40;
const MAX_DELAY_MS = 60_000;

/** What the protocol layer does differently for this request; all false means a clean answer. */
export interface FaultPlan {
	delayMs: number;
	drop: boolean;
	malformed: boolean;
	hang: boolean;
	empty: boolean;
	filter: boolean;
}

export interface FaultRequest {
	/** Faults from the model suffix; ignored when `header` is set. */
	suffixFaults: readonly string[];
	/** `x-mock-fault`; `none` switches suffix faults off. */
	header: string | undefined;
	delayHeader: string | undefined;
	model: string;
	/** Identifies "the same conversation" for the once-faults. */
	onceKey: string;
}

/** The fault names a request asks for (the header, when present, replaces the model suffix). */
export function requestedFaults(request: Pick<FaultRequest, 'suffixFaults' | 'header'>): string[] {
	return request.header === undefined ? [...request.suffixFaults] : splitFaults(request.header);
}

/** `mock-baseline@slow@droponce` (also `,` or `+` between faults) → base id + faults. */
export function splitModel(model: string): { base: string; faults: string[] } {
	const at = model.indexOf('@');
	if (at < 0) return { base: model, faults: [] };
	return { base: model.slice(0, at), faults: splitFaults(model.slice(at + 1)) };
}

function splitFaults(text: string): string[] {
	return text
		.split(/[\s,+@]+/)
		.map((name) => name.trim().toLowerCase())
		.filter((name) => name !== '');
}

function isFault(name: string): name is Fault {
	return (FAULTS as readonly string[]).includes(name);
}

function rateLimited(model: string, retryHeaders: Record<string, string>): HttpError {
	const error = wireError(
		429,
		`Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.`,
		'requests',
		'rate_limit_exceeded'
	);
	return { ...error, headers: retryHeaders };
}

function serverError(): HttpError {
	return wireError(
		500,
		'The server had an error while processing your request. Sorry about that!',
		'server_error'
	);
}

/** Remembers which once-faults already fired, per fault and conversation key. */
export class FaultState {
	#fired = new Set<string>();

	/** True the first time a (fault, key) pair is seen, so the caller injects the fault then. */
	consume(fault: Fault, key: string): boolean {
		const id = `${fault}\u0000${key}`;
		if (this.#fired.has(id)) return false;
		this.#fired.add(id);
		return true;
	}

	reset(): void {
		this.#fired.clear();
	}
}

function parseDelay(header: string | undefined, slow: boolean): number | HttpError {
	if (header === undefined) return slow ? SLOW_DELAY_MS : 0;
	const delay = Number(header);
	if (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_MS) {
		return wireError(
			400,
			`Invalid x-mock-delay-ms '${header}': expected an integer from 0 to ${MAX_DELAY_MS}.`,
			'invalid_request_error',
			'mock_invalid_delay'
		);
	}
	return delay;
}

/** The error a fault answers with instead of a completion, if any fires for this request. */
function errorFor(fault: Fault, request: FaultRequest, state: FaultState): HttpError | undefined {
	switch (fault) {
		case '401':
			return invalidApiKey();
		case '404':
			return modelNotFound(request.model);
		case '429':
			return rateLimited(request.model, { 'retry-after': '1' });
		case '429once':
			return state.consume(fault, request.onceKey)
				? rateLimited(request.model, { 'retry-after': '0', 'retry-after-ms': '50' })
				: undefined;
		case '500':
			return serverError();
		case '500once':
			return state.consume(fault, request.onceKey) ? serverError() : undefined;
		default:
			return undefined;
	}
}

/**
 * Resolves the request's faults into either an error response (the first error fault that fires,
 * in the order given) or a plan for the stream. Unknown names are a 400 so typos are not silent.
 */
export function planFaults(request: FaultRequest, state: FaultState): FaultPlan | HttpError {
	const names = requestedFaults(request);
	const faults: Fault[] = [];
	for (const name of names) {
		if (name === 'none') continue;
		if (!isFault(name)) {
			return wireError(
				400,
				`Unknown mock fault '${name}'. Known faults: ${FAULTS.join(', ')}.`,
				'invalid_request_error',
				'mock_unknown_fault'
			);
		}
		faults.push(name);
	}
	const delayMs = parseDelay(request.delayHeader, faults.includes('slow'));
	if (typeof delayMs !== 'number') return delayMs;
	for (const fault of faults) {
		const error = errorFor(fault, request, state);
		if (error) return error;
	}
	return {
		delayMs,
		drop:
			faults.includes('drop') ||
			(faults.includes('droponce') && state.consume('droponce', request.onceKey)),
		malformed: faults.includes('malformed'),
		hang: faults.includes('hang'),
		empty: faults.includes('empty'),
		filter: faults.includes('filter')
	};
}
