// A study bundle carries what a rater needs to judge — the study's name, instructions and rubric,
// the items, and per trial two answers — and nothing that tells who wrote which answer or which
// trials are quality checks. Every id in it is derived from a secret that stays on the
// researcher's study (an HMAC of the real trial id), so ids neither repeat across trials nor
// follow any pattern, and their order (the bundle is sorted by them) is a keyed shuffle. Attention
// checks carry their degraded answer as an ordinary answer; swap re-shows are ordinary trials.
// A checksum over the canonical payload refuses damaged or edited files.
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { DataError, zodIssues, type DataIssue } from '../errors';
import { answersByItem, systemGivenToAll } from '../blinding/blind-trial';
import { beganAs } from '../codecs/sniff';
import { degradedResponse } from '../plan/degrade';
import { degradedResponseId, responseId } from '../plan/response-id';
import type { BundleKey, Message, PromptItem, Response, Study, Trial } from '../schema';
import {
	bundleRecords,
	WirePayloadSchema,
	type BundlePayload,
	type WirePayload
} from './bundle-wire';

export { bundleRecords, type BundlePayload, type WirePayload };

export const BUNDLE_FORMAT = 'trait-arena/study-bundle';
export const BUNDLE_SCHEMA = 2;

export interface BundleSource {
	study: Study;
	items: PromptItem[];
	responses: Response[];
	trials: Trial[];
}

export type Sha256 = (text: string) => Promise<string>;
/** A keyed pseudo-random function (HMAC-SHA-256 under the bundle secret), as hex. */
export type Prf = (label: string) => Promise<string>;

export class BundleError extends Error {
	constructor(
		readonly kind:
			| 'not-a-bundle'
			| 'empty'
			| 'damaged'
			| 'truncated'
			| 'edited'
			| 'newer-schema'
			| 'older-schema'
			| 'invalid',
		message: string
	) {
		super(message);
		this.name = 'BundleError';
	}
}

/** The ids a trial and its two answers carry in the bundle: 80 bits each, from one PRF output. */
export interface BundleIds {
	trial: string;
	left: string;
	right: string;
}

export async function bundleIdsOf(trialId: string, prf: Prf): Promise<BundleIds> {
	const hex = await prf(`trial\u0000${trialId}`);
	if (!/^[0-9a-f]{60}/.test(hex))
		throw new Error('The bundle PRF must give 60 hex digits or more.');
	return {
		trial: `t-${hex.slice(0, 20)}`,
		left: `a-${hex.slice(20, 40)}`,
		right: `a-${hex.slice(40, 60)}`
	};
}

export interface KeyEntry extends BundleIds {
	/** The researcher's trial (real endpoints, kind, gold side, swap source). */
	source: Trial;
}

/** Bundle trial id → the researcher's trial and its answer ids: the key a merge maps back with. */
export async function bundleKeyMap(
	trials: readonly Trial[],
	prf: Prf
): Promise<Map<string, KeyEntry>> {
	const entries = await Promise.all(
		trials.map(async (source) => ({ source, ...(await bundleIdsOf(source.id, prf)) }))
	);
	return new Map(entries.map((entry) => [entry.trial, entry]));
}

export interface BuiltBundle {
	payload: WirePayload;
	/** Trials left out because a response was not finished. */
	skippedTrials: number;
}

/** The system message an endpoint adds can name the model: raters see only the item's own turns. */
function answerTranscript(response: Response): Message[] {
	return response.transcript
		.filter((message) => message.role !== 'system')
		.map(({ role, content, reasoning }) => ({
			role,
			content,
			...(reasoning === undefined ? {} : { reasoning })
		}));
}

/**
 * The bundle strips every system message from the answers, so the rater's app can no longer tell
 * whether the item's own one reached both sides: an item whose system message some endpoint did
 * not receive (it replaced it with its own) travels without it.
 */
function sharedContextOnly(item: PromptItem, answers: readonly Response[]): PromptItem {
	if (!item.system || systemGivenToAll(item.system, answers)) return item;
	const { system: _system, ...rest } = item;
	return rest;
}

/** Finished responses by id, plus the degraded copies attention checks show, made if missing. */
function answersOf(source: BundleSource, at: string): Map<string, Response> {
	const done = new Map(
		source.responses.filter((response) => response.status === 'done').map((r) => [r.id, r])
	);
	for (const trial of source.trials) {
		if (trial.kind !== 'attention') continue;
		for (const endpointId of [trial.leftEndpointId, trial.rightEndpointId]) {
			const sourceId = responseId(source.study.id, trial.itemId, endpointId);
			const wanted = degradedResponseId(sourceId);
			const original = done.get(sourceId);
			const onTrial = trial.leftResponseId === wanted || trial.rightResponseId === wanted;
			if (onTrial && original && !done.has(wanted))
				done.set(wanted, degradedResponse(original, at));
		}
	}
	return done;
}

export async function buildBundlePayload(
	source: BundleSource,
	key: BundleKey,
	prf: Prf
): Promise<BuiltBundle> {
	const answers = answersOf(source, key.createdAt);
	const included = source.trials.filter(
		(trial) => answers.has(trial.leftResponseId) && answers.has(trial.rightResponseId)
	);
	const trials = await Promise.all(
		included.map(async (trial) => {
			const ids = await bundleIdsOf(trial.id, prf);
			const transcript = (id: string) => answerTranscript(answers.get(id) as Response);
			return {
				id: ids.trial,
				itemId: trial.itemId,
				left: { id: ids.left, transcript: transcript(trial.leftResponseId) },
				right: { id: ids.right, transcript: transcript(trial.rightResponseId) }
			};
		})
	);
	trials.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const itemIds = new Set(included.map((trial) => trial.itemId));
	const answersToItem = answersByItem(source.responses);
	const items = source.items
		.filter((item) => itemIds.has(item.id))
		.map((item) => sharedContextOnly(item, answersToItem.get(item.id) ?? []))
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return {
		payload: {
			bundleId: key.bundleId,
			study: {
				name: source.study.name,
				instructions: source.study.instructions,
				rubric: source.study.rubric,
				createdAt: key.createdAt
			},
			items,
			trials
		},
		skippedTrials: source.trials.length - included.length
	};
}

export async function sealBundle(
	payload: WirePayload,
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

function envelopeOf(json: unknown, file: string) {
	const format = (json as { format?: unknown } | null)?.format;
	const envelope = EnvelopeSchema.safeParse(json);
	if (format !== BUNDLE_FORMAT || !envelope.success)
		throw new BundleError('not-a-bundle', `${file} is not a Trait Arena study bundle.`);
	const { schema } = envelope.data;
	if (schema > BUNDLE_SCHEMA)
		throw new BundleError(
			'newer-schema',
			`${file} was made by a newer Trait Arena (bundle schema ${schema}); this app reads schema ${BUNDLE_SCHEMA}. Update the app, then open it again.`
		);
	if (schema < BUNDLE_SCHEMA)
		throw new BundleError(
			'older-schema',
			`${file} is an old-style bundle (schema ${schema}), which this version no longer opens because its contents could reveal which model wrote which answer. Ask the researcher to export the study again.`
		);
	return envelope.data;
}

/** Checks a bundle's text (format, schema, checksum, every record) and returns what to store. */
export async function openBundleText(
	text: string,
	sha256: Sha256,
	file = 'bundle'
): Promise<BundlePayload> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		if (beganAs(text, BUNDLE_FORMAT))
			throw new BundleError(
				'truncated',
				`${file} is incomplete: the bundle ends early (an interrupted download or copy). Download or copy it again.`
			);
		throw new BundleError('not-a-bundle', `${file} is not a Trait Arena study bundle.`);
	}
	const envelope = envelopeOf(json, file);
	const expected = `sha256:${await sha256(canonicalJson(envelope.payload))}`;
	if (expected !== envelope.checksum) {
		throw new BundleError(
			'edited',
			`${file} fails its checksum: it was changed after export. Ask the researcher for a fresh copy.`
		);
	}
	const payload = WirePayloadSchema.safeParse(envelope.payload);
	if (!payload.success) {
		const issues: DataIssue[] = zodIssues(payload.error, envelope.payload, { file });
		throw new BundleError('invalid', new DataError(issues).message);
	}
	return bundleRecords(payload.data);
}
