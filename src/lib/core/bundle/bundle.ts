// A study bundle carries everything a rater needs — study, items, finished responses, trial plan —
// and nothing that identifies a model: endpoints become opaque ids (the mapping stays on the
// researcher's study record), model names, fingerprints and endpoint system prompts are dropped.
// A checksum over the canonical payload refuses damaged or edited files.
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { DataError, zodIssues, type DataIssue } from '../errors';
import { degradedResponseId, responseId } from '../plan/response-id';
import {
	PromptItemSchema,
	ResponseSchema,
	StudySchema,
	TrialSchema,
	type PromptItem,
	type Response,
	type Study,
	type Trial
} from '../schema';
import type { Random } from '../random/prng';

export const BUNDLE_FORMAT = 'trait-arena/study-bundle';
export const BUNDLE_SCHEMA = 1;

export interface BundlePayload {
	study: Study;
	items: PromptItem[];
	responses: Response[];
	trials: Trial[];
}

export interface BundleSource extends BundlePayload {
	/** The researcher's existing opaque map, if the study was exported before. */
	bundleMap?: Record<string, string>;
}

export type Sha256 = (text: string) => Promise<string>;

export class BundleError extends Error {
	constructor(
		readonly kind: 'not-a-bundle' | 'damaged' | 'truncated' | 'edited' | 'newer-schema' | 'invalid',
		message: string
	) {
		super(message);
		this.name = 'BundleError';
	}
}

/** Opaque ids look alike for every endpoint ("model-" + random), so their order tells nothing. */
export function opaqueMapFor(study: Study, random: Random): Record<string, string> {
	if (study.bundleMap && Object.keys(study.bundleMap).length === study.endpointIds.length) {
		return study.bundleMap;
	}
	const map: Record<string, string> = {};
	for (const endpointId of study.endpointIds) {
		let opaque: string;
		do opaque = `model-${Math.floor(random() * 0xffffffff).toString(36)}`;
		while (opaque in map);
		map[opaque] = endpointId;
	}
	return map;
}

function invert(map: Record<string, string>): Map<string, string> {
	return new Map(Object.entries(map).map(([opaque, real]) => [real, opaque]));
}

export interface BuiltBundle {
	payload: BundlePayload;
	map: Record<string, string>;
	/** Trials left out because a response was not finished. */
	skippedTrials: number;
}

export function buildBundlePayload(source: BundleSource, map: Record<string, string>): BuiltBundle {
	const toOpaque = invert(map);
	const opaque = (endpointId: string) => {
		const id = toOpaque.get(endpointId);
		if (!id) throw new Error(`Endpoint ${endpointId} is not in the study's bundle map`);
		return id;
	};
	const done = new Map(
		source.responses.filter((response) => response.status === 'done').map((r) => [r.id, r])
	);
	const trials = source.trials.filter(
		(trial) => done.has(trial.leftResponseId) && done.has(trial.rightResponseId)
	);
	const usedResponses = new Set(trials.flatMap((t) => [t.leftResponseId, t.rightResponseId]));
	const responseIds = new Map<string, string>();
	const responses: Response[] = [];
	for (const response of done.values()) {
		if (!usedResponses.has(response.id)) continue;
		const endpointId = opaque(response.endpointId);
		// An attention check's degraded copy shares item and endpoint with its source: it keeps a
		// derived id of its own so both fit in one bundle.
		const sourceId = responseId(response.studyId, response.itemId, endpointId);
		const id = response.degradedFrom === undefined ? sourceId : degradedResponseId(sourceId);
		responseIds.set(response.id, id);
		responses.push({
			id,
			...(response.degradedFrom === undefined ? {} : { degradedFrom: sourceId }),
			studyId: response.studyId,
			itemId: response.itemId,
			endpointId,
			status: 'done',
			// The system message an endpoint adds can name the model: raters see only the item's own.
			transcript: response.transcript.filter((message) => message.role !== 'system'),
			finishReason: response.finishReason,
			params: { model: endpointId },
			attempts: 1,
			createdAt: response.createdAt,
			updatedAt: response.createdAt
		});
	}
	const itemIds = new Set(trials.map((trial) => trial.itemId));
	const { bundleMap: _dropped, ...studyRest } = source.study;
	const study: Study = {
		...studyRest,
		kind: 'bundle',
		revealPolicy: 'never',
		endpointIds: source.study.endpointIds.map(opaque),
		baselineEndpointId: source.study.baselineEndpointId
			? opaque(source.study.baselineEndpointId)
			: undefined,
		quality: { ...source.study.quality, leakTerms: [] }
	};
	return {
		payload: {
			study,
			items: source.items.filter((item) => itemIds.has(item.id)),
			responses,
			trials: trials.map((trial) => ({
				...trial,
				leftEndpointId: opaque(trial.leftEndpointId),
				rightEndpointId: opaque(trial.rightEndpointId),
				leftResponseId: responseIds.get(trial.leftResponseId) ?? trial.leftResponseId,
				rightResponseId: responseIds.get(trial.rightResponseId) ?? trial.rightResponseId
			}))
		},
		map,
		skippedTrials: source.trials.length - trials.length
	};
}

export async function sealBundle(
	payload: BundlePayload,
	meta: { app: string; exportedAt: string },
	sha256: Sha256
): Promise<string> {
	const checksum = `sha256:${await sha256(canonicalJson(payload))}`;
	return JSON.stringify({
		format: BUNDLE_FORMAT,
		schema: BUNDLE_SCHEMA,
		app: meta.app,
		exportedAt: meta.exportedAt,
		checksum,
		payload
	});
}

const EnvelopeSchema = z.object({
	format: z.string(),
	schema: z.int(),
	checksum: z.string(),
	payload: z.unknown()
});

const PayloadSchema = z
	.object({
		study: StudySchema,
		items: z.array(PromptItemSchema),
		responses: z.array(ResponseSchema),
		trials: z.array(TrialSchema)
	})
	.strict();

export async function openBundleText(
	text: string,
	sha256: Sha256,
	file = 'bundle'
): Promise<BundlePayload> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new BundleError(
			'truncated',
			`${file} is incomplete or not a study bundle (its content is not whole JSON).`
		);
	}
	const envelope = EnvelopeSchema.safeParse(json);
	if (!envelope.success || envelope.data.format !== BUNDLE_FORMAT) {
		throw new BundleError('not-a-bundle', `${file} is not a Trait Arena study bundle.`);
	}
	if (envelope.data.schema > BUNDLE_SCHEMA) {
		throw new BundleError(
			'newer-schema',
			`${file} was made by a newer Trait Arena (bundle schema ${envelope.data.schema}); this app reads schema ${BUNDLE_SCHEMA}. Update the app, then open it again.`
		);
	}
	const expected = `sha256:${await sha256(canonicalJson(envelope.data.payload))}`;
	if (expected !== envelope.data.checksum) {
		throw new BundleError(
			'edited',
			`${file} fails its checksum: it was changed after export. Ask the researcher for a fresh copy.`
		);
	}
	const payload = PayloadSchema.safeParse(envelope.data.payload);
	if (!payload.success) {
		const issues: DataIssue[] = zodIssues(payload.error, envelope.data.payload, { file });
		throw new BundleError('invalid', new DataError(issues).message);
	}
	return payload.data;
}
