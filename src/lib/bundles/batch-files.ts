// The Batch API files of a study, as plain functions over one consistent read of the study: what
// each endpoint still needs, the input file for one endpoint, and applying one output file (saved
// in one transaction). The state class in batch.svelte.ts sequences them for the panel.
import { applyBatchOutput, buildBatchInput } from '$lib/core/bundle/openai-batch';
import { formatIssue } from '$lib/core/errors';
import type { Response } from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { loadBatchContext, type BatchContext } from '$lib/db/repos/bundles';

export { batchSummaries, type EndpointBatch } from '$lib/db/repos/bundles';
import { saveResponses } from '$lib/db/repos/responses';
import { fileSlug } from '$lib/core/file-name';

export interface BatchImportReport {
	file: string;
	saved: number;
	issues: string[];
	/** Set when nothing from the file could be read or saved. */
	error?: string;
}

function responsesById(responses: readonly Response[]) {
	return new Map(responses.map((response) => [response.id, response]));
}

export function batchInputFile(context: BatchContext, endpointId: string) {
	const endpoint = context.endpoints.find((candidate) => candidate.id === endpointId);
	if (!endpoint) throw new Error('This endpoint is not part of the study.');
	const input = buildBatchInput(
		context.study.id,
		context.items,
		endpoint,
		responsesById(context.responses)
	);
	return {
		fileName: `${fileSlug(context.study.name)}.${fileSlug(endpoint.label, 'endpoint')}.batch-input.jsonl`,
		...input
	};
}

/** Applies one Batch API output file to the study and saves the answers in one transaction. */
export async function importBatchOutput(
	db: ArenaDB,
	studyId: string,
	file: string,
	text: string,
	now: () => Date = () => new Date()
): Promise<BatchImportReport> {
	const context = await loadBatchContext(db, studyId);
	const result = applyBatchOutput(
		text,
		file,
		studyId,
		new Map(context.items.map((item) => [item.id, item])),
		new Map(context.endpoints.map((endpoint) => [endpoint.id, endpoint])),
		responsesById(context.responses),
		now().toISOString()
	);
	await saveResponses(db, result.responses);
	return { file, saved: result.responses.length, issues: result.issues.map(formatIssue) };
}
