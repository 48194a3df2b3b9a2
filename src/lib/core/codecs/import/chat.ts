// Chat-shaped prompt files: OpenAI `messages` ({role, content}), ShareGPT `conversations`
// ({from, value}) and the Hugging Face conversational shape (TRL's `prompt` as a list of
// messages, with `completion` or `chosen` as the answer; content may be a list of typed parts as
// chat templates accept). A PromptItem holds a system prompt and user turns; between user turns
// each model gives its own answer, so a fixed assistant reply in the middle cannot be kept and its
// row is refused by name. A trailing assistant reply is the dataset's answer: kept as reference.
import { FieldReader, describeType, slugify, traitSlug, unique } from './fields';
import { isPlainObject } from './text';
import type { DatasetFormat, DraftItem, MapContext, MapResult, SourceRecord, Table } from './types';

type Role = 'system' | 'user' | 'assistant';

const ROLES: Readonly<Record<string, Role>> = {
	system: 'system',
	developer: 'system',
	user: 'user',
	human: 'user',
	assistant: 'assistant',
	gpt: 'assistant',
	model: 'assistant',
	chatgpt: 'assistant',
	bard: 'assistant',
	bing: 'assistant'
};

export interface Conversation {
	system?: string;
	turns: string[];
	/** A final assistant message, kept as the item's reference answer. */
	answer?: string;
}

function messageText(
	fields: FieldReader,
	where: string,
	content: unknown,
	key: string
): string | undefined {
	if (typeof content === 'string') {
		if (content.trim() === '') fields.fail(`${where}.${key}`, 'must not be empty', content);
		return content.trim() === '' ? undefined : content;
	}
	if (Array.isArray(content)) {
		const parts: string[] = [];
		for (const [index, part] of content.entries()) {
			const text = isPlainObject(part) && part['type'] === 'text' ? part['text'] : undefined;
			if (typeof text !== 'string') {
				fields.fail(
					`${where}.${key}[${index}]`,
					'must be a text part ({"type": "text", "text": …}); images and other parts cannot be shown to raters',
					part
				);
				return undefined;
			}
			parts.push(text);
		}
		return messageText(fields, where, parts.join('\n\n'), key);
	}
	fields.fail(
		`${where}.${key}`,
		content === undefined ? 'is missing' : `must be text, not ${describeType(content)}`,
		content
	);
	return undefined;
}

/** Reads a list of chat messages into system prompt, user turns and a trailing answer. */
export function readConversation(fields: FieldReader, field: string): Conversation | undefined {
	const value = fields.get(field);
	if (!Array.isArray(value) || value.length === 0) {
		fields.fail(
			field,
			value === undefined
				? 'is missing'
				: Array.isArray(value)
					? 'must hold at least one message'
					: `must be a list of messages, not ${describeType(value)}`,
			value
		);
		return undefined;
	}
	const start = fields.issues.length;
	const conversation: Conversation = { turns: [] };
	let previous: Role | undefined;
	for (const [index, message] of value.entries()) {
		const where = `${field}[${index}]`;
		if (!isPlainObject(message)) {
			fields.fail(where, `must be a message object, not ${describeType(message)}`, message);
			return undefined;
		}
		const roleKey = 'role' in message ? 'role' : 'from';
		const rawRole = message[roleKey];
		const role = typeof rawRole === 'string' ? ROLES[rawRole.toLowerCase()] : undefined;
		if (!role) {
			fields.fail(
				`${where}.${roleKey}`,
				'must be one of system, user/human or assistant/gpt',
				rawRole ?? null
			);
			return undefined;
		}
		const text = messageText(
			fields,
			where,
			message['content' in message ? 'content' : 'value'],
			'content' in message ? 'content' : 'value'
		);
		if (text === undefined) return undefined;
		if (role === 'system') {
			if (index !== 0) {
				fields.fail(
					where,
					'is a system message after the conversation started; only the first message may be one'
				);
				return undefined;
			}
			conversation.system = text;
		} else if (role === 'user') {
			if (previous === 'user') {
				fields.fail(where, 'follows another user message with no answer between them');
				return undefined;
			}
			if (previous === 'assistant') {
				fields.fail(
					`${field}[${index - 1}]`,
					'is an assistant reply between user turns; each model gives its own answer there, so a fixed reply cannot be kept'
				);
				return undefined;
			}
			conversation.turns.push(text);
		} else {
			if (previous !== 'user') {
				fields.fail(where, 'is an assistant reply with no user message before it');
				return undefined;
			}
			conversation.answer = text;
		}
		previous = role;
	}
	if (fields.issues.length > start) return undefined;
	if (conversation.turns.length === 0) {
		fields.fail(field, 'has no user message', value);
		return undefined;
	}
	return conversation;
}

/** The first assistant message of a list (a TRL `completion` or `chosen`). */
function firstAnswer(value: unknown): string | undefined {
	if (!Array.isArray(value)) return typeof value === 'string' && value.trim() ? value : undefined;
	const reply = value.find(
		(message) =>
			isPlainObject(message) && ROLES[String(message['role']).toLowerCase()] === 'assistant'
	);
	const content = isPlainObject(reply) ? reply['content'] : undefined;
	return typeof content === 'string' && content.trim() ? content : undefined;
}

/** The first of `names` present on the record, at the top or under `metadata` / `meta`. */
function labelField(fields: FieldReader, names: readonly string[]): string | undefined {
	for (const prefix of ['', 'metadata.', 'meta.'])
		for (const name of names) {
			const value = fields.get(prefix + name);
			if (value !== undefined && value !== null && value !== '') return prefix + name;
		}
	return undefined;
}

/** Traits, domain, tags and id from the record or its metadata object. */
export function chatLabels(fields: FieldReader): Omit<DraftItem, 'turns' | 'system'> {
	const traits = labelField(fields, ['traits', 'trait', 'category']);
	const domain = labelField(fields, ['domain', 'area']);
	const tags = labelField(fields, ['tags']);
	const key = labelField(fields, ['id', 'question_id', 'prompt_id', 'conversation_id']);
	const domainText = domain ? fields.optionalText(domain) : undefined;
	return {
		traits: traits ? fields.labels(traits, traitSlug) : [],
		domain: (domainText && slugify(domainText)) || undefined,
		tags: tags ? unique(fields.labels(tags, slugify)) : [],
		key: key ? fields.optionalId(key) : undefined
	};
}

function chatFormat(
	id: 'openai-chat' | 'sharegpt' | 'hf-chat',
	label: string,
	field: string,
	isMessage: (message: Record<string, unknown>) => boolean,
	answerField?: (record: SourceRecord) => unknown
): DatasetFormat {
	const map = (record: SourceRecord, context: MapContext): MapResult => {
		const fields = new FieldReader(record, context);
		const conversation = readConversation(fields, field);
		const labels = chatLabels(fields);
		if (!conversation) return { issues: fields.issues };
		const reference = conversation.answer ?? firstAnswer(answerField?.(record));
		return {
			draft: {
				...labels,
				system: conversation.system,
				turns: conversation.turns,
				...(reference ? { reference } : {})
			},
			issues: fields.issues
		};
	};
	return {
		id,
		label,
		dataset: id,
		kinds: ['jsonl', 'json'],
		required: [field],
		sources: { turns: field, system: field, reference: field },
		match(_file: string, table: Table) {
			const first = table.records.slice(0, 20).find((record) => Array.isArray(record.value[field]));
			const messages = first?.value[field];
			return Array.isArray(messages) && isPlainObject(messages[0]) && isMessage(messages[0])
				? 'content'
				: false;
		},
		setInfo: (file: string) => ({
			name:
				file
					.split(/[\\/]/)
					.pop()
					?.replace(/\.[^.]*$/, '') || label
		}),
		map
	};
}

export const openaiChat = chatFormat(
	'openai-chat',
	'OpenAI chat messages',
	'messages',
	(message) => 'role' in message && 'content' in message
);

export const sharegpt = chatFormat(
	'sharegpt',
	'ShareGPT conversations',
	'conversations',
	(message) => ('from' in message && 'value' in message) || 'role' in message
);

export const hfChat = chatFormat(
	'hf-chat',
	'Hugging Face conversational (prompt / completion)',
	'prompt',
	(message) => 'role' in message && 'content' in message,
	(record) => record.value['completion'] ?? record.value['chosen']
);
