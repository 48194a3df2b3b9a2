// What the analysis worker offers the Results view (through Comlink): one study's analysis,
// read and computed off the page's main thread. Building the records of a 100,000-judgment study
// and analysing them is seconds of work the page must not freeze for. The records read for one
// version of the study (a token the page's live query hands over) are kept, so changing what to
// include or the power target re-analyses without reading again.
import { analyzeStudy, type AnalysisOptions, type StudyAnalysis } from '$lib/core/analysis/analyze';
import { humanEffort, type HumanEffort } from '$lib/core/analysis/human-effort';
import { judgeAgreement, type JudgeAgreement } from '$lib/core/analysis/judge-agreement';
import { ofRaterKind } from '$lib/core/analysis/votes';
import { ArenaDB } from '$lib/db/arena-db';
import { studyRecords, type RecordChunk } from '$lib/db/repos/transfer';

export interface AnalysisRequest {
	/** The database the page uses (its name). */
	database: string;
	studyId: string;
	/** Changes whenever the study's stored data does (the page's live query says when). */
	version: number;
	options: AnalysisOptions;
}

export interface AnalysisReply {
	/** Undefined while the study has no human judgments. */
	analysis: StudyAnalysis | undefined;
	/** Each model judge against the human raters; empty when no judge has run. */
	judges: JudgeAgreement[];
	/** What a judge-plus-humans design would have saved on this study's own votes. */
	humanEffort: HumanEffort | undefined;
	/** Judgments left out because their trial, item or responses are missing. */
	incomplete: number;
}

const databases = new Map<string, ArenaDB>();
let cached: { key: string; chunk: Promise<RecordChunk> } | undefined;

function database(name: string): ArenaDB {
	let db = databases.get(name);
	if (!db) databases.set(name, (db = new ArenaDB(name)));
	return db;
}

export const analysisWorkerApi = {
	async analyse(request: AnalysisRequest): Promise<AnalysisReply> {
		const key = JSON.stringify([request.database, request.studyId, request.version]);
		if (cached?.key !== key) {
			cached = { key, chunk: studyRecords(database(request.database), request.studyId) };
			// A failed read is not kept: the next request reads again.
			cached.chunk.catch(() => (cached = undefined));
		}
		const { records, incomplete } = await cached.chunk;
		const { options } = request;
		const inclusion = {
			includeAttention: options.includeAttention,
			includeLeakFlagged: options.includeLeakFlagged,
			includeSwaps: options.includeSwaps
		};
		const humans = records.some((record) => ofRaterKind(record, 'human'));
		const judges = records.some((record) => ofRaterKind(record, 'model'))
			? judgeAgreement(records, inclusion)
			: [];
		return {
			analysis: humans ? analyzeStudy(records, options) : undefined,
			judges,
			humanEffort: judges.length > 0 ? humanEffort(records, inclusion) : undefined,
			incomplete: incomplete.length
		};
	}
};

export type AnalysisWorkerApi = typeof analysisWorkerApi;
