// The OpenAI wire shapes the mock speaks, and the one place a request body is validated. Clients
// branch on `error.code`/`error.type`, so error bodies copy OpenAI's field set exactly; everything
// else in a request is accepted untouched (and recorded) the way the real API tolerates it.

export interface WireErrorBody {
	error: { message: string; type: string; param: string | null; code: string | null };
}

export interface HttpError {
	status: number;
	body: WireErrorBody;
	headers?: Record<string, string>;
}

export function wireError(
	status: number,
	message: string,
	type: string,
	code: string | null = null,
	param: string | null = null
): HttpError {
	return { status, body: { error: { message, type, param, code } } };
}

export function modelNotFound(model: string): HttpError {
	return wireError(
		404,
		`The model '${model}' does not exist or you do not have access to it.`,
		'invalid_request_error',
		'model_not_found',
		'model'
	);
}

/** A chat message reduced to what the answer generators read. */
export interface ChatMessage {
	role: string;
	content: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	stream: boolean;
	includeUsage: boolean;
	maxTokens: number | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Content may be a string, null (tool calls) or an array of parts; only text parts matter here. */
function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
		.join('');
}

function invalid(message: string, param: string | null, code: string | null): HttpError {
	return wireError(400, message, 'invalid_request_error', code, param);
}

function parseMaxTokens(body: Record<string, unknown>): number | undefined | HttpError {
	for (const param of ['max_completion_tokens', 'max_tokens'] as const) {
		const value = body[param];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'number' || !Number.isInteger(value)) {
			return invalid(`Invalid type for '${param}': expected an integer.`, param, 'invalid_type');
		}
		if (value < 1) {
			return invalid(
				`Invalid '${param}': integer below minimum value. Expected a value >= 1, but got ${value} instead.`,
				param,
				'integer_below_min_value'
			);
		}
		return value;
	}
	return undefined;
}

/** Validates the parsed JSON body of `POST /v1/chat/completions`. */
export function parseChatRequest(body: unknown): ChatRequest | HttpError {
	if (!isRecord(body)) return invalid('The request body must be a JSON object.', null, null);
	if (typeof body.model !== 'string' || body.model === '') {
		return invalid('You must provide a model parameter.', 'model', null);
	}
	const raw = body.messages;
	if (raw === undefined || raw === null) {
		return invalid(
			"Missing required parameter: 'messages'.",
			'messages',
			'missing_required_parameter'
		);
	}
	if (!Array.isArray(raw)) {
		return invalid("Invalid type for 'messages': expected an array.", 'messages', 'invalid_type');
	}
	if (raw.length === 0) {
		return invalid(
			"Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
			'messages',
			'empty_array'
		);
	}
	const messages: ChatMessage[] = [];
	for (const [index, message] of raw.entries()) {
		if (!isRecord(message) || typeof message.role !== 'string') {
			return invalid(
				`Missing required parameter: 'messages[${index}].role'.`,
				`messages[${index}].role`,
				'missing_required_parameter'
			);
		}
		messages.push({ role: message.role, content: contentText(message.content) });
	}
	const maxTokens = parseMaxTokens(body);
	if (isHttpError(maxTokens)) return maxTokens;
	const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
	return {
		model: body.model,
		messages,
		stream: body.stream === true,
		includeUsage: body.stream === true && streamOptions.include_usage === true,
		maxTokens
	};
}

export function isHttpError(value: unknown): value is HttpError {
	return isRecord(value) && typeof value.status === 'number' && isRecord(value.body);
}

/** Deliberately names no part of the key: error text ends up in logs and screenshots. */
export function invalidApiKey(): HttpError {
	return wireError(
		401,
		'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
		'invalid_request_error',
		'invalid_api_key'
	);
}

export function missingApiKey(): HttpError {
	return wireError(
		401,
		"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
		'invalid_request_error',
		null
	);
}
