// The endpoint form edits strings; this module turns them into a valid Endpoint (or names the
// field that is wrong) and back. Secret-looking extra headers are refused here, because headers
// are saved with the endpoint and travel in exports — keys belong in the key field only.
import { zodIssues } from '$lib/core/errors';
import { EndpointSchema, type Endpoint } from '$lib/core/schema';

export interface EndpointDraft {
	id?: string;
	createdAt?: string;
	preset: string;
	label: string;
	/** `baseline`, `trained` or `other` (then `customRole` is used). */
	role: string;
	customRole: string;
	baseURL: string;
	model: string;
	temperature: string;
	top_p: string;
	max_tokens: string;
	seed: string;
	systemPrompt: string;
	systemPromptMode: 'before' | 'after' | 'separate' | 'replace';
	/** One `Name: value` per line. */
	headers: string;
	/** Seconds; empty means the default. */
	idleTimeoutSeconds: string;
	/** A new key; empty keeps the stored one. Never filled from storage. */
	key: string;
	remember: boolean;
}

export type DraftErrors = Partial<Record<keyof EndpointDraft | 'params', string>>;

const SECRET_HEADERS = new Set([
	'authorization',
	'proxy-authorization',
	'api-key',
	'x-api-key',
	'cookie'
]);

export function emptyDraft(preset = 'custom', baseURL = ''): EndpointDraft {
	return {
		preset,
		label: '',
		role: 'baseline',
		customRole: '',
		baseURL,
		model: '',
		temperature: '',
		top_p: '',
		max_tokens: '',
		seed: '',
		systemPrompt: '',
		systemPromptMode: 'before',
		headers: '',
		idleTimeoutSeconds: '',
		key: '',
		remember: false
	};
}

const num = (value: number | undefined) => (value === undefined ? '' : String(value));

export function draftFrom(endpoint: Endpoint, remember: boolean): EndpointDraft {
	const standard = endpoint.role === 'baseline' || endpoint.role === 'trained';
	return {
		id: endpoint.id,
		createdAt: endpoint.createdAt,
		preset: endpoint.preset,
		label: endpoint.label,
		role: standard ? endpoint.role : 'other',
		customRole: standard ? '' : endpoint.role,
		baseURL: endpoint.baseURL,
		model: endpoint.model,
		temperature: num(endpoint.params.temperature),
		top_p: num(endpoint.params.top_p),
		max_tokens: num(endpoint.params.max_tokens),
		seed: num(endpoint.params.seed),
		systemPrompt: endpoint.systemPrompt ?? '',
		systemPromptMode: endpoint.systemPromptMode ?? 'before',
		headers: Object.entries(endpoint.headers)
			.map(([name, value]) => `${name}: ${value}`)
			.join('\n'),
		idleTimeoutSeconds: num(endpoint.idleTimeoutSeconds),
		key: '',
		remember
	};
}

export function parseHeaders(text: string): { headers: Record<string, string>; error?: string } {
	const headers: Record<string, string> = {};
	for (const [index, raw] of text.split('\n').entries()) {
		const line = raw.trim();
		if (line === '') continue;
		const colon = line.indexOf(':');
		if (colon <= 0) return { headers, error: `Line ${index + 1}: write it as "Name: value".` };
		const name = line.slice(0, colon).trim();
		if (SECRET_HEADERS.has(name.toLowerCase())) {
			return {
				headers,
				error: `Line ${index + 1}: put keys in the API key field — extra headers are stored in this browser in plain text beside the endpoint.`
			};
		}
		headers[name] = line.slice(colon + 1).trim();
	}
	return { headers };
}

function numberField(text: string): number | undefined | 'invalid' {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	const value = Number(trimmed);
	return Number.isFinite(value) ? value : 'invalid';
}

const FIELD_OF_PATH: Record<string, keyof EndpointDraft> = {
	'params.temperature': 'temperature',
	'params.top_p': 'top_p',
	'params.max_tokens': 'max_tokens',
	'params.seed': 'seed'
};

export function parseDraft(
	draft: EndpointDraft,
	id: string,
	now: string
): { ok: true; endpoint: Endpoint } | { ok: false; errors: DraftErrors } {
	const errors: DraftErrors = {};
	const params: Record<string, number> = {};
	for (const field of ['temperature', 'top_p', 'max_tokens', 'seed'] as const) {
		const value = numberField(draft[field]);
		if (value === 'invalid') errors[field] = 'must be a number';
		else if (value !== undefined) params[field] = value;
	}
	const { headers, error } = parseHeaders(draft.headers);
	if (error) errors.headers = error;
	const idleTimeoutSeconds = numberField(draft.idleTimeoutSeconds);
	if (idleTimeoutSeconds === 'invalid') errors.idleTimeoutSeconds = 'must be a number';
	const input = {
		id,
		label: draft.label,
		role: draft.role === 'other' ? draft.customRole : draft.role,
		preset: draft.preset,
		baseURL: draft.baseURL.trim().replace(/\/+$/, ''),
		model: draft.model,
		params,
		...(draft.systemPrompt.trim() ? { systemPrompt: draft.systemPrompt } : {}),
		...(draft.systemPrompt.trim() && draft.systemPromptMode !== 'before'
			? { systemPromptMode: draft.systemPromptMode }
			: {}),
		headers,
		...(typeof idleTimeoutSeconds === 'number' ? { idleTimeoutSeconds } : {}),
		createdAt: draft.createdAt ?? now,
		updatedAt: now
	};
	const parsed = EndpointSchema.safeParse(input);
	if (!parsed.success) {
		for (const issue of zodIssues(parsed.error, input)) {
			const path = issue.field ?? '';
			const field =
				FIELD_OF_PATH[path] ?? (path === 'role' && draft.role === 'other' ? 'customRole' : path);
			const key = (field in draft ? field : 'params') as keyof DraftErrors;
			errors[key] ??= issue.message;
		}
	}
	if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
	return { ok: true, endpoint: parsed.data };
}
