// Turns judgment export records back into database rows. Judgments, trials, responses and
// prompt items travel whole and come back exactly. Studies, endpoints and prompt sets travel
// as summaries: when the target database lacks them, stub rows are made from the summary (an
// endpoint gets a placeholder base URL and no key), and when it has them, only the summarised
// fields are compared — so a researcher's full study merges with a rater's file without a
// false conflict, and an empty database can still analyse and re-export the file unchanged.
import {
	SCHEMA_VERSION,
	StudySchema,
	type Endpoint,
	type Judgment,
	type Response,
	type Study,
	type Trial
} from '../schema';
import { zodIssues, type DataIssue, type DataLocation } from '../errors';
import { canonicalJson, differingFields } from './merge';
import { judgmentContradictions } from '../bundle/rater-judgments';
import { emptyPlan, TRANSFER_SCHEMAS, type ImportPlan, type TransferTable } from './import-plan';
import {
	recordItem,
	recordResponse,
	recordTrial,
	type JudgmentRecord,
	type RecordSide
} from './judgment-record';

/** Base URL of endpoints known only from an export: reserved, never resolvable (RFC 2606). */
export const PLACEHOLDER_BASE_URL = 'http://imported.invalid/v1';

export interface LocatedRecord {
	record: JudgmentRecord;
	location: DataLocation;
}

type StudySummaryInput = Pick<Study, 'id' | 'name' | 'kind' | 'pairing' | 'seed' | 'createdAt'> & {
	baselineEndpointId?: string;
	endpointIds: readonly string[];
};

export const studySummary = (study: StudySummaryInput) => ({
	id: study.id,
	name: study.name,
	kind: study.kind,
	pairing: study.pairing,
	seed: study.seed,
	baselineEndpointId: study.baselineEndpointId,
	endpointIds: [...study.endpointIds],
	createdAt: study.createdAt
});

export const endpointSummary = (endpoint: Pick<Endpoint, 'id' | 'label' | 'role' | 'model'>) => ({
	id: endpoint.id,
	label: endpoint.label,
	role: endpoint.role,
	model: endpoint.model
});

export const responseProjection = (response: Response) => ({
	...recordResponse(response),
	studyId: response.studyId,
	itemId: response.itemId,
	endpointId: response.endpointId
});

export const trialProjection = (trial: Trial) => ({
	...recordTrial(trial),
	studyId: trial.studyId,
	itemId: trial.itemId,
	leftResponseId: trial.leftResponseId,
	rightResponseId: trial.rightResponseId,
	leftEndpointId: trial.leftEndpointId,
	rightEndpointId: trial.rightEndpointId
});

export const judgmentProjection = (judgment: Judgment): Judgment => ({
	id: judgment.id,
	schema: judgment.schema,
	app: judgment.app,
	studyId: judgment.studyId,
	trialId: judgment.trialId,
	itemId: judgment.itemId,
	raterId: judgment.raterId,
	overall: judgment.overall,
	skipReason: judgment.skipReason,
	leftEndpointId: judgment.leftEndpointId,
	rightEndpointId: judgment.rightEndpointId,
	winnerEndpointId: judgment.winnerEndpointId,
	traitChoices: { ...judgment.traitChoices },
	flags: { left: [...judgment.flags.left], right: [...judgment.flags.right] },
	rationale: judgment.rationale,
	decisionMs: judgment.decisionMs,
	...modelParts(judgment),
	createdAt: judgment.createdAt,
	updatedAt: judgment.updatedAt
});

/** A model judge's verdict stays one: its kind, judge and both readings travel with it. */
function modelParts(
	source: Pick<Judgment, 'raterKind' | 'judgeId' | 'judgeOrders'>
): Partial<Judgment> {
	if (source.raterKind !== 'model') return {};
	return {
		raterKind: 'model',
		...(source.judgeId !== undefined && { judgeId: source.judgeId }),
		...(source.judgeOrders && {
			judgeOrders: {
				shown: { ...source.judgeOrders.shown },
				swapped: { ...source.judgeOrders.swapped },
				consistent: source.judgeOrders.consistent
			}
		})
	};
}

function judgmentRow(record: JudgmentRecord): Judgment {
	const traitChoices: Judgment['traitChoices'] = {};
	for (const [trait, entry] of Object.entries(record.traitChoices)) {
		traitChoices[trait] = entry.choice;
	}
	return {
		id: record.id,
		schema: SCHEMA_VERSION,
		app: record.app,
		studyId: record.study.id,
		trialId: record.trial.id,
		itemId: record.item.id,
		raterId: record.raterId,
		overall: record.overall,
		skipReason: record.skipReason,
		leftEndpointId: record.left.endpoint.id,
		rightEndpointId: record.right.endpoint.id,
		winnerEndpointId: record.winner?.endpointId ?? null,
		traitChoices,
		flags: { left: [...record.left.flags], right: [...record.right.flags] },
		rationale: record.rationale,
		decisionMs: record.decisionMs,
		...modelParts(record),
		createdAt: record.createdAt,
		updatedAt: record.updatedAt
	};
}

function responseRow(record: JudgmentRecord, side: RecordSide) {
	return {
		...side.response,
		studyId: record.study.id,
		itemId: record.item.id,
		endpointId: side.endpoint.id
	};
}

/**
 * Builds the import plan from parsed records. Issues name the row of each problem: an entity
 * that appears twice in the file with different content, or a row the schemas refuse.
 */
export function judgmentImportPlan(records: Iterable<LocatedRecord>): {
	plan: ImportPlan;
	issues: DataIssue[];
} {
	const plan = emptyPlan({
		endpoints: endpointSummary,
		promptSets: (set) => ({ id: set.id }),
		promptItems: recordItem,
		studies: studySummary,
		responses: responseProjection,
		trials: trialProjection,
		judgments: judgmentProjection
	});
	const issues: DataIssue[] = [];
	// First sighting of each entity in the file, to catch one id carrying two different contents.
	const firstSeen = new Map<string, { json: string; compare: unknown; location: DataLocation }>();
	const studyItems = new Map<string, string[]>();

	const sameAsBefore = (table: string, id: string, compare: unknown, location: DataLocation) => {
		const key = `${table}\u0000${id}`;
		const json = canonicalJson(compare);
		const earlier = firstSeen.get(key);
		if (!earlier) {
			firstSeen.set(key, { json, compare, location });
			return false;
		}
		if (earlier.json !== json) {
			const fields = differingFields(earlier.compare, compare).join(', ');
			issues.push({
				...location,
				field: table,
				message: `the ${table} row "${id}" differs from the one on row ${earlier.location.row ?? '?'} (${fields})`
			});
		}
		return true;
	};

	const add = (
		table: TransferTable,
		id: string,
		compare: unknown,
		raw: () => unknown,
		location: DataLocation
	) => {
		if (sameAsBefore(table, id, compare, location)) return;
		const input = raw();
		const parsed = TRANSFER_SCHEMAS[table].safeParse(input);
		if (!parsed.success) {
			issues.push(...zodIssues(parsed.error, input, { ...location, field: table }));
			return;
		}
		(plan[table].incoming as Array<{ id: string; compare: unknown; row: unknown }>).push({
			id,
			compare,
			row: parsed.data,
			location
		} as { id: string; compare: unknown; row: unknown });
	};

	const studies: Array<{ summary: ReturnType<typeof studySummary>; location: DataLocation }> = [];
	for (const { record, location } of records) {
		const { study, trial, item, left, right } = record;
		for (const ref of [...study.endpoints, left.endpoint, right.endpoint]) {
			const summary = endpointSummary(ref);
			add(
				'endpoints',
				ref.id,
				summary,
				() => ({
					...summary,
					preset: 'imported',
					baseURL: PLACEHOLDER_BASE_URL,
					createdAt: study.createdAt,
					updatedAt: study.createdAt
				}),
				location
			);
		}
		add(
			'promptSets',
			item.setId,
			{ id: item.setId },
			() => ({
				id: item.setId,
				name: `Imported with judgments (${item.setId})`,
				origin: 'imported',
				createdAt: item.createdAt
			}),
			location
		);
		add('promptItems', item.id, recordItem(item), () => item, location);
		const summary = studySummary({ ...study, endpointIds: study.endpoints.map((ref) => ref.id) });
		if (!sameAsBefore('studies', study.id, summary, location)) studies.push({ summary, location });
		const items = studyItems.get(study.id) ?? [];
		if (!items.includes(item.id)) items.push(item.id);
		studyItems.set(study.id, items);
		for (const side of [left, right]) {
			const row = responseRow(record, side);
			add('responses', row.id, responseProjection(row), () => row, location);
		}
		const trialRow = {
			...trial,
			studyId: study.id,
			itemId: item.id,
			leftResponseId: left.response.id,
			rightResponseId: right.response.id,
			leftEndpointId: left.endpoint.id,
			rightEndpointId: right.endpoint.id
		};
		add('trials', trial.id, trialProjection(trialRow), () => trialRow, location);
		const judgment = judgmentRow(record);
		const contradictions = judgmentContradictions(judgment);
		if (contradictions.length) {
			issues.push(...contradictions.map((problem) => ({ ...location, ...problem })));
			continue;
		}
		add('judgments', judgment.id, judgmentProjection(judgment), () => judgment, location);
	}
	// Studies last: a stub lists every item the file holds for it, in order of appearance.
	for (const { summary, location } of studies) {
		const parsed = StudySchema.safeParse({ ...summary, itemIds: studyItems.get(summary.id) });
		if (!parsed.success) {
			issues.push(...zodIssues(parsed.error, summary, { ...location, field: 'study' }));
			continue;
		}
		plan.studies.incoming.push({ id: summary.id, compare: summary, row: parsed.data, location });
	}
	return { plan, issues };
}
