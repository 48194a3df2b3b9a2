// The self-contained export record: one judgment with everything needed to read it alone (the
// prompt, both responses and who produced them, the verdict resolved to endpoints). It is built
// field by field, never by spreading a database row, so new stored fields — and secrets — are
// opt-in; endpoint base URLs and headers are left out entirely. Nested objects are built in a
// fixed key order so JSON.stringify gives the same bytes for the same data, whatever key order
// the stored rows happen to have.
import { z } from 'zod';
import { IdSchema, SCHEMA_VERSION, TimestampSchema, TraitSchema } from '../schema/common';
import type { Endpoint } from '../schema/endpoint';
import {
	JudgeOrdersSchema,
	OverallChoiceSchema,
	RaterKindSchema,
	TraitChoiceSchema,
	type Judgment,
	type TraitChoice
} from '../schema/judgment';
import { PromptItemSchema, type PromptItem } from '../schema/prompt-item';
import { ResponseSchema, type Message, type Response } from '../schema/response';
import {
	JudgeSettingsSchema,
	PreregistrationSchema,
	SideFlagSchema,
	StudySchema,
	type Study
} from '../schema/study';
import { SideSchema, type Trial } from '../schema/trial';
import { FORMATS } from './envelope';

export const EndpointRefSchema = z
	.object({
		id: IdSchema,
		label: z.string().min(1).max(120),
		role: z.string().min(1).max(60),
		model: z.string().min(1).max(200)
	})
	.strict();
export type EndpointRef = z.infer<typeof EndpointRefSchema>;

export const RecordStudySchema = z
	.object({
		id: IdSchema,
		name: z.string().min(1).max(200),
		kind: StudySchema.shape.kind.unwrap(),
		pairing: StudySchema.shape.pairing.unwrap(),
		seed: z.int().min(0).max(0xffff_ffff),
		baselineEndpointId: IdSchema.optional(),
		endpoints: z.array(EndpointRefSchema).min(2),
		createdAt: TimestampSchema,
		preregistration: PreregistrationSchema.optional(),
		judge: JudgeSettingsSchema.optional()
	})
	.strict();
export type RecordStudy = z.infer<typeof RecordStudySchema>;

export const RecordTrialSchema = z
	.object({
		id: IdSchema,
		kind: z.enum(['main', 'attention', 'swap']),
		position: z.int().min(0),
		repeat: z.int().min(0),
		leakFlagged: z.boolean(),
		swapOf: IdSchema.optional(),
		gold: SideSchema.optional()
	})
	.strict();
export type RecordTrial = z.infer<typeof RecordTrialSchema>;

// The response as stored, minus what the record already says around it (study, item, endpoint).
export const RecordResponseSchema = ResponseSchema.omit({
	studyId: true,
	itemId: true,
	endpointId: true
});
export type RecordResponse = z.infer<typeof RecordResponseSchema>;

export const RecordSideSchema = z
	.object({
		endpoint: EndpointRefSchema,
		/** The last assistant message: what the rater read last (derived from the transcript). */
		answer: z.string(),
		flags: z.array(SideFlagSchema),
		response: RecordResponseSchema
	})
	.strict();
export type RecordSide = z.infer<typeof RecordSideSchema>;

export const RecordWinnerSchema = z
	.object({
		side: SideSchema,
		endpointId: IdSchema,
		label: z.string(),
		role: z.string()
	})
	.strict();

export const RecordTraitChoiceSchema = z
	.object({ choice: TraitChoiceSchema, winnerEndpointId: IdSchema.nullable() })
	.strict();

export const JudgmentRecordSchema = z
	.object({
		format: z.literal(FORMATS.judgments),
		schema: z.literal(SCHEMA_VERSION),
		/** Version of the app that recorded the judgment. */
		app: z.string().min(1).max(40),
		id: IdSchema,
		study: RecordStudySchema,
		trial: RecordTrialSchema,
		item: PromptItemSchema,
		raterId: IdSchema,
		overall: OverallChoiceSchema.nullable(),
		skipReason: z.string().min(1).max(500).nullable(),
		winner: RecordWinnerSchema.nullable(),
		left: RecordSideSchema,
		right: RecordSideSchema,
		traitChoices: z.record(TraitSchema, RecordTraitChoiceSchema),
		rationale: z.string().max(20_000),
		decisionMs: z.number().min(0),
		raterKind: RaterKindSchema.optional(),
		judgeId: IdSchema.optional(),
		judgeOrders: JudgeOrdersSchema.optional(),
		createdAt: TimestampSchema,
		updatedAt: TimestampSchema
	})
	.strict();
export type JudgmentRecord = z.infer<typeof JudgmentRecordSchema>;

export interface RecordContext {
	judgment: Judgment;
	trial: Trial;
	study: Study;
	item: PromptItem;
	leftResponse: Response;
	rightResponse: Response;
	/** Endpoints by id (at least the study's). */
	endpoints: ReadonlyMap<string, Endpoint>;
}

/** A deleted endpoint (or a bundle's opaque one) is named by its id, so every ref agrees. */
export function endpointRef(id: string, endpoints: ReadonlyMap<string, Endpoint>): EndpointRef {
	const endpoint = endpoints.get(id);
	if (endpoint) {
		return { id, label: endpoint.label, role: endpoint.role, model: endpoint.model };
	}
	return { id, label: id, role: 'unknown', model: 'unknown' };
}

export function recordStudy(study: Study, endpoints: ReadonlyMap<string, Endpoint>): RecordStudy {
	return {
		id: study.id,
		name: study.name,
		kind: study.kind,
		pairing: study.pairing,
		seed: study.seed,
		baselineEndpointId: study.baselineEndpointId,
		endpoints: study.endpointIds.map((id) => endpointRef(id, endpoints)),
		createdAt: study.createdAt,
		...(study.preregistration && {
			preregistration: {
				hypotheses: [...study.preregistration.hypotheses],
				alpha: study.preregistration.alpha,
				lockedAt: study.preregistration.lockedAt,
				hash: study.preregistration.hash
			}
		}),
		...(study.judge && {
			judge: {
				endpointIds: [...study.judge.endpointIds],
				template: study.judge.template,
				...(study.judge.humansFirst !== undefined && { humansFirst: study.judge.humansFirst })
			}
		})
	};
}

export function recordTrial(trial: Trial): RecordTrial {
	return {
		id: trial.id,
		kind: trial.kind,
		position: trial.position,
		repeat: trial.repeat,
		leakFlagged: trial.leakFlagged,
		swapOf: trial.swapOf,
		gold: trial.gold
	};
}

export function recordItem(item: PromptItem): PromptItem {
	const { source } = item;
	return {
		id: item.id,
		setId: item.setId,
		system: item.system,
		turns: [...item.turns],
		traits: [...item.traits],
		domain: item.domain,
		tags: [...item.tags],
		raterNote: item.raterNote,
		reference: item.reference,
		source: { dataset: source.dataset, file: source.file, row: source.row, key: source.key },
		contentHash: item.contentHash,
		createdAt: item.createdAt
	};
}

function message(entry: Message): Message {
	return { role: entry.role, content: entry.content, reasoning: entry.reasoning };
}

export function recordResponse(response: Response): RecordResponse {
	const { error, usage, params } = response;
	return {
		id: response.id,
		status: response.status,
		transcript: response.transcript.map(message),
		error: error && { kind: error.kind, message: error.message, status: error.status },
		finishReason: response.finishReason,
		usage: usage && {
			promptTokens: usage.promptTokens,
			completionTokens: usage.completionTokens,
			totalTokens: usage.totalTokens,
			estimated: usage.estimated
		},
		ttftMs: response.ttftMs,
		totalMs: response.totalMs,
		systemFingerprint: response.systemFingerprint,
		params: {
			model: params.model,
			temperature: params.temperature,
			top_p: params.top_p,
			max_tokens: params.max_tokens,
			seed: params.seed,
			system: params.system
		},
		attempts: response.attempts,
		degradedFrom: response.degradedFrom,
		createdAt: response.createdAt,
		updatedAt: response.updatedAt
	};
}

/** The last assistant message of a transcript ('' when the model never answered). */
export function finalAnswer(transcript: readonly Message[]): string {
	for (let index = transcript.length - 1; index >= 0; index--) {
		const entry = transcript[index];
		if (entry?.role === 'assistant') return entry.content;
	}
	return '';
}

function side(ref: EndpointRef, flags: readonly string[], response: Response): RecordSide {
	return {
		endpoint: ref,
		answer: memo(answers, response, (stored) => finalAnswer(stored.transcript)),
		flags: [...flags] as RecordSide['flags'],
		response: memo(responseParts, response, recordResponse)
	};
}

function sortedKeys<T>(record: Readonly<Record<string, T>>): string[] {
	return Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function choiceWinner(choice: TraitChoice, left: string, right: string): string | null {
	if (choice === 'left') return left;
	if (choice === 'right') return right;
	return null;
}

// One export touches each response, item and study many times (every rater, every repeat). The
// record parts are built once per stored object and shared, so the serialisers can cache their
// text: records are immutable values — never change one in place.
const responseParts = new WeakMap<Response, RecordResponse>();
const answers = new WeakMap<Response, string>();
const itemParts = new WeakMap<PromptItem, PromptItem>();
const trialParts = new WeakMap<Trial, RecordTrial>();
const endpointRefs = new WeakMap<ReadonlyMap<string, Endpoint>, Map<string, EndpointRef>>();
const studyParts = new WeakMap<
	Study,
	{ endpoints: ReadonlyMap<string, Endpoint>; part: RecordStudy }
>();

function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, make: (key: K) => V): V {
	let value = cache.get(key);
	if (value === undefined) cache.set(key, (value = make(key)));
	return value;
}

/** One shared reference per endpoint for all records built with the same endpoint table. */
function sharedEndpointRef(id: string, endpoints: ReadonlyMap<string, Endpoint>): EndpointRef {
	const refs = memo(endpointRefs, endpoints, () => new Map<string, EndpointRef>());
	let ref = refs.get(id);
	if (ref === undefined) refs.set(id, (ref = endpointRef(id, endpoints)));
	return ref;
}

function studyPart(study: Study, endpoints: ReadonlyMap<string, Endpoint>): RecordStudy {
	const hit = studyParts.get(study);
	if (hit && hit.endpoints === endpoints) return hit.part;
	const part = recordStudy(study, endpoints);
	studyParts.set(study, { endpoints, part });
	return part;
}

export function buildJudgmentRecord(context: RecordContext): JudgmentRecord {
	const { judgment, trial, study, item, leftResponse, rightResponse, endpoints } = context;
	const leftRef = sharedEndpointRef(judgment.leftEndpointId, endpoints);
	const rightRef = sharedEndpointRef(judgment.rightEndpointId, endpoints);
	const traitChoices: JudgmentRecord['traitChoices'] = {};
	for (const trait of sortedKeys(judgment.traitChoices)) {
		const choice = judgment.traitChoices[trait];
		if (choice === undefined) continue;
		traitChoices[trait] = {
			choice,
			winnerEndpointId: choiceWinner(choice, leftRef.id, rightRef.id)
		};
	}
	return {
		format: FORMATS.judgments,
		schema: SCHEMA_VERSION,
		app: judgment.app,
		id: judgment.id,
		study: studyPart(study, endpoints),
		trial: memo(trialParts, trial, recordTrial),
		item: memo(itemParts, item, recordItem),
		raterId: judgment.raterId,
		overall: judgment.overall,
		skipReason: judgment.skipReason,
		winner: resolveWinner(judgment, leftRef, rightRef, endpoints),
		left: side(leftRef, judgment.flags.left, leftResponse),
		right: side(rightRef, judgment.flags.right, rightResponse),
		traitChoices,
		rationale: judgment.rationale,
		decisionMs: judgment.decisionMs,
		...(judgment.raterKind === 'model' && {
			raterKind: judgment.raterKind,
			judgeId: judgment.judgeId,
			judgeOrders: judgment.judgeOrders && {
				shown: judgment.judgeOrders.shown,
				swapped: judgment.judgeOrders.swapped,
				consistent: judgment.judgeOrders.consistent
			}
		}),
		createdAt: judgment.createdAt,
		updatedAt: judgment.updatedAt
	};
}

function resolveWinner(
	judgment: Judgment,
	left: EndpointRef,
	right: EndpointRef,
	endpoints: ReadonlyMap<string, Endpoint>
): JudgmentRecord['winner'] {
	const id = judgment.winnerEndpointId;
	if (id === null) return null;
	// The overall choice names the side; the endpoint match covers stored data without one.
	const overall = judgment.overall ?? '';
	const sideName = overall.startsWith('left')
		? 'left'
		: overall.startsWith('right')
			? 'right'
			: id === left.id
				? 'left'
				: 'right';
	const ref = id === left.id ? left : id === right.id ? right : endpointRef(id, endpoints);
	return { side: sideName, endpointId: id, label: ref.label, role: ref.role };
}
