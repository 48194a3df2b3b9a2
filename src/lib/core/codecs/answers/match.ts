// Imported answers matched to a study: each record finds its item by id (ours, or the dataset's
// own key) or by its normalised prompt text, and its endpoint by model name (an endpoint's label
// or model). A model the study does not have becomes a new endpoint without a key. Matched answers
// become ordinary Responses (status done), so blinding and judging treat them like generated ones.
// Nothing here writes: the plan says what would be stored and what did not match, and why.
import type { Endpoint, PromptItem, Response, Study } from '../../schema';
import type { Message } from '../../schema/response';
import { responseId } from '../../plan/response-id';
import type { ImportIssue } from '../import/types';
import type { AnswerFile, AnswerRow } from './read';

/** Imported endpoints are never called: the URL only satisfies the schema and says why. */
export const IMPORTED_BASE_URL = 'https://imported.invalid/v1';
/** The preset of an endpoint made from a model name in an answer file; generation skips it. */
export const IMPORTED_PRESET = 'imported';

export interface AnswerTarget {
	study: Study;
	items: readonly PromptItem[];
	/** The study's endpoints. */
	endpoints: readonly Endpoint[];
	/** Ids of responses the study already holds with status done (never overwritten). */
	answered: ReadonlySet<string>;
	/** A study with judgments has a frozen plan: no endpoint can join it. */
	judged: boolean;
}

export interface ModelReport {
	model: string;
	endpointLabel: string;
	isNew: boolean;
	matched: number;
	/** Study items still without an answer from this model after the import. */
	unanswered: number;
}

export interface AnswerPlan {
	responses: Response[];
	newEndpoints: Endpoint[];
	models: ModelReport[];
	/** Records that did not match, or could not be read, with file, line and field. */
	issues: ImportIssue[];
	total: number;
}

export function normalisePrompt(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function indexBy(
	items: readonly PromptItem[],
	keyOf: (item: PromptItem) => (string | undefined)[]
) {
	const index = new Map<string, PromptItem[]>();
	for (const item of items)
		for (const key of new Set(keyOf(item)))
			if (key !== undefined) index.set(key, [...(index.get(key) ?? []), item]);
	return index;
}

function transcript(item: PromptItem, answers: readonly string[]): Message[] {
	const messages: Message[] = item.system ? [{ role: 'system', content: item.system }] : [];
	item.turns.forEach((turn, index) => {
		messages.push({ role: 'user', content: turn });
		messages.push({ role: 'assistant', content: answers[index] ?? '' });
	});
	return messages;
}

export function planAnswerImport(
	files: readonly AnswerFile[],
	target: AnswerTarget,
	options: { now: string; newId: () => string }
): AnswerPlan {
	const byId = indexBy(target.items, (item) => [item.id, item.source.key]);
	const byText = indexBy(target.items, (item) => [normalisePrompt(item.turns[0] ?? '')]);
	const plan: AnswerPlan = { responses: [], newEndpoints: [], models: [], issues: [], total: 0 };
	const endpointOf = new Map<string, Endpoint | undefined>();
	const seen = new Map<string, number>();

	const endpointFor = (file: string, model: string): Endpoint | undefined => {
		const known = endpointOf.get(model.toLowerCase());
		if (known || endpointOf.has(model.toLowerCase())) return known;
		let endpoint = target.endpoints.find(
			(e) => sameName(e.label, model) || sameName(e.model, model)
		);
		if (!endpoint && target.judged) {
			plan.issues.push({
				file,
				field: 'model',
				message: `"${model}" is not an endpoint of this study, and a study with judgments cannot take a new one; its answers were not imported`
			});
		} else if (!endpoint) {
			endpoint = {
				id: options.newId(),
				label: model.trim().slice(0, 120),
				role: 'imported',
				preset: IMPORTED_PRESET,
				baseURL: IMPORTED_BASE_URL,
				model: model.trim().slice(0, 200),
				params: {},
				headers: {},
				createdAt: options.now,
				updatedAt: options.now
			};
			plan.newEndpoints.push(endpoint);
		}
		endpointOf.set(model.toLowerCase(), endpoint);
		return endpoint;
	};

	for (const file of files) {
		plan.total += file.total;
		plan.issues.push(...file.issues);
		for (const row of file.rows) {
			const issue = (field: string, message: string, value?: string): ImportIssue => ({
				file: file.file,
				row: row.row,
				unit: file.unit,
				field,
				message,
				...(value !== undefined ? { value: JSON.stringify(value).slice(0, 120) } : {})
			});
			const found = findItem(row, byId, byText);
			if (typeof found === 'string') {
				plan.issues.push(issue(refField(row), found, row.itemRef ?? row.prompt));
				continue;
			}
			const endpoint = endpointFor(file.file, row.model);
			if (!endpoint) continue;
			if (row.answers.length !== found.turns.length) {
				plan.issues.push(
					issue(
						answersField(row),
						`has ${row.answers.length} answer turn(s), but the item asks ${found.turns.length} user turn(s)`
					)
				);
				continue;
			}
			const id = responseId(target.study.id, found.id, endpoint.id);
			if (target.answered.has(id)) {
				plan.issues.push(
					issue(
						'model',
						`already has an answer from "${endpoint.label}" in this study, which is kept`,
						row.model
					)
				);
				continue;
			}
			const earlier = seen.get(id);
			if (earlier !== undefined) {
				plan.issues.push(
					issue('model', `answers the same item as line ${earlier} for the same model`, row.model)
				);
				continue;
			}
			seen.set(id, row.row);
			plan.responses.push({
				id,
				studyId: target.study.id,
				itemId: found.id,
				endpointId: endpoint.id,
				status: 'done',
				transcript: transcript(found, row.answers),
				finishReason: 'imported',
				params: { model: endpoint.model },
				attempts: 0,
				createdAt: options.now,
				updatedAt: options.now
			});
		}
	}
	plan.issues.sort((a, b) => (a.file === b.file ? (a.row ?? 0) - (b.row ?? 0) : 0));
	plan.models = [...endpointOf.values()]
		.filter((endpoint): endpoint is Endpoint => endpoint !== undefined)
		.map((endpoint) => {
			const matched = plan.responses.filter((r) => r.endpointId === endpoint.id).length;
			const before = target.items.filter((item) =>
				target.answered.has(responseId(target.study.id, item.id, endpoint.id))
			).length;
			return {
				model: endpoint.model,
				endpointLabel: endpoint.label,
				isNew: plan.newEndpoints.includes(endpoint),
				matched,
				unanswered: target.items.length - before - matched
			};
		});
	return plan;
}

function refField(row: AnswerRow): string {
	if (row.itemRef !== undefined) return row.format === 'fastchat' ? 'question_id' : 'item_id';
	return row.format === 'alpaca-eval' ? 'instruction' : 'prompt';
}

function answersField(row: AnswerRow): string {
	return row.format === 'fastchat'
		? 'choices[0].turns'
		: row.format === 'alpaca-eval'
			? 'output'
			: 'answers';
}

function findItem(
	row: AnswerRow,
	byId: Map<string, PromptItem[]>,
	byText: Map<string, PromptItem[]>
): PromptItem | string {
	const matches =
		row.itemRef !== undefined
			? (byId.get(row.itemRef) ?? [])
			: (byText.get(normalisePrompt(row.prompt ?? '')) ?? []);
	const how = row.itemRef !== undefined ? 'id' : 'prompt text';
	if (matches.length === 1 && matches[0]) return matches[0];
	if (matches.length === 0) return `matches no item of this study by ${how}`;
	return `matches ${matches.length} items of this study by ${how}; give the item's own id instead`;
}
