// Large studies generate through the provider's Batch API instead of thousands of live calls.
// One input file per endpoint (a batch holds one model); each line asks for the next turn of one
// (item, endpoint): multi-turn items take one batch round per turn, since a follow-up must follow
// the model's own answer. custom_id is stable and names the study, item, endpoint and turn.
import { z } from 'zod';
import { messagesForTurn } from '../conversation';
import { formatIssue, shorten, type DataIssue } from '../errors';
import { responseId as responseIdFor } from '../plan/response-id';
import type { Endpoint, PromptItem, Response } from '../schema';

const PREFIX = 'trait-arena';

export function batchCustomId(studyId: string, itemId: string, endpointId: string, turn: number) {
	return [PREFIX, studyId, itemId, endpointId, `turn-${turn}`].join('|');
}

export function parseCustomId(customId: string) {
	const [prefix, studyId, itemId, endpointId, turnText] = customId.split('|');
	const turn = Number(turnText?.replace('turn-', ''));
	if (prefix !== PREFIX || !studyId || !itemId || !endpointId || !Number.isInteger(turn))
		return undefined;
	return { studyId, itemId, endpointId, turn };
}

function assistantAnswers(response: Response | undefined): string[] {
	return (response?.transcript ?? []).filter((m) => m.role === 'assistant').map((m) => m.content);
}

export interface BatchInput {
	jsonl: string;
	requests: number;
	/** Items already complete for this endpoint. */
	complete: number;
}

export function buildBatchInput(
	studyId: string,
	items: readonly PromptItem[],
	endpoint: Endpoint,
	responses: ReadonlyMap<string, Response>
): BatchInput {
	const lines: string[] = [];
	let complete = 0;
	for (const item of items) {
		const response = responses.get(responseIdFor(studyId, item.id, endpoint.id));
		const answers = response?.status === 'error' ? [] : assistantAnswers(response);
		if (answers.length >= item.turns.length) {
			complete++;
			continue;
		}
		const turn = answers.length;
		const { temperature, top_p, max_tokens, seed } = endpoint.params;
		const body = {
			model: endpoint.model,
			messages: messagesForTurn(
				item,
				endpoint.systemPrompt,
				answers,
				turn,
				endpoint.systemPromptMode
			),
			...(temperature !== undefined && { temperature }),
			...(top_p !== undefined && { top_p }),
			...(max_tokens !== undefined && { max_tokens }),
			...(seed !== undefined && { seed })
		};
		lines.push(
			JSON.stringify({
				custom_id: batchCustomId(studyId, item.id, endpoint.id, turn),
				method: 'POST',
				url: '/v1/chat/completions',
				body
			})
		);
	}
	return { jsonl: lines.length ? `${lines.join('\n')}\n` : '', requests: lines.length, complete };
}

const OutputLineSchema = z.object({
	custom_id: z.string(),
	response: z
		.object({
			status_code: z.int(),
			body: z.unknown()
		})
		.nullable()
		.optional(),
	error: z.object({ code: z.string().optional(), message: z.string() }).nullable().optional()
});

const CompletionSchema = z.object({
	choices: z
		.array(
			z.object({
				message: z.object({ content: z.string().nullable() }),
				finish_reason: z.string().nullable().optional()
			})
		)
		.min(1),
	usage: z
		.object({ prompt_tokens: z.int(), completion_tokens: z.int(), total_tokens: z.int() })
		.optional(),
	system_fingerprint: z.string().nullable().optional(),
	model: z.string().optional()
});

export interface BatchImport {
	responses: Response[];
	issues: DataIssue[];
}

/** Applies a Batch API output file to the study's responses; each bad line is reported by number. */
export function applyBatchOutput(
	text: string,
	file: string,
	studyId: string,
	items: ReadonlyMap<string, PromptItem>,
	endpoints: ReadonlyMap<string, Endpoint>,
	existing: ReadonlyMap<string, Response>,
	now: string
): BatchImport {
	const updated = new Map<string, Response>();
	const issues: DataIssue[] = [];
	text.split(/\r?\n/).forEach((raw, index) => {
		const row = index + 1;
		if (!raw.trim()) return;
		const fail = (message: string, field?: string, value?: unknown) =>
			issues.push({
				file,
				row,
				field,
				message,
				value: value === undefined ? undefined : shorten(value)
			});
		let json: unknown;
		try {
			json = JSON.parse(raw);
		} catch {
			return fail('is not valid JSON');
		}
		const line = OutputLineSchema.safeParse(json);
		if (!line.success) return fail('is not a Batch API output line', 'custom_id');
		const id = parseCustomId(line.data.custom_id);
		if (!id || id.studyId !== studyId)
			return fail('belongs to another study or file', 'custom_id', line.data.custom_id);
		const item = items.get(id.itemId);
		const endpoint = endpoints.get(id.endpointId);
		if (!item || !endpoint)
			return fail('names an unknown item or endpoint', 'custom_id', line.data.custom_id);
		if (line.data.error) return fail(line.data.error.message, 'error');
		if (!line.data.response || line.data.response.status_code !== 200)
			return fail(
				`request failed with HTTP ${line.data.response?.status_code ?? '?'}`,
				'response.status_code'
			);
		const completion = CompletionSchema.safeParse(line.data.response.body);
		if (!completion.success) return fail('has no chat completion in its body', 'response.body');

		const responseId = responseIdFor(studyId, item.id, endpoint.id);
		const previous = updated.get(responseId) ?? existing.get(responseId);
		const answers = previous?.status === 'error' ? [] : assistantAnswers(previous);
		if (answers.length !== id.turn)
			return fail(
				`answers turn ${id.turn + 1} but the study expects turn ${answers.length + 1}`,
				'custom_id'
			);
		const choice = completion.data.choices[0];
		const content = choice?.message.content ?? '';
		const transcript = [
			...messagesForTurn(item, endpoint.systemPrompt, answers, id.turn, endpoint.systemPromptMode),
			{ role: 'assistant' as const, content }
		];
		const usage = completion.data.usage;
		const before = previous?.usage;
		updated.set(responseId, {
			id: responseId,
			studyId,
			itemId: item.id,
			endpointId: endpoint.id,
			status:
				transcript.filter((m) => m.role === 'assistant').length >= item.turns.length
					? 'done'
					: 'pending',
			transcript,
			finishReason: choice?.finish_reason ?? undefined,
			usage: usage
				? {
						promptTokens: (before?.promptTokens ?? 0) + usage.prompt_tokens,
						completionTokens: (before?.completionTokens ?? 0) + usage.completion_tokens,
						totalTokens: (before?.totalTokens ?? 0) + usage.total_tokens,
						estimated: false
					}
				: undefined,
			systemFingerprint: completion.data.system_fingerprint ?? undefined,
			params: { model: endpoint.model, ...endpoint.params, system: endpoint.systemPrompt },
			attempts: (previous?.attempts ?? 0) + 1,
			createdAt: previous?.createdAt ?? now,
			updatedAt: now
		});
	});
	return { responses: [...updated.values()], issues };
}

export function describeBatchIssues(issues: readonly DataIssue[]): string {
	return issues.slice(0, 20).map(formatIssue).join('\n');
}
