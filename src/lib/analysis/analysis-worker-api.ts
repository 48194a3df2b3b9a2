// What the analysis worker offers the Results view (through Comlink): one study's analysis,
// read and computed off the page's main thread. Building the records of a 100,000-judgment study
// and analysing them is seconds of work the page must not freeze for. The records read for one
// version of the study (a token the page's live query hands over) are kept, so changing what to
// include or the power target re-analyses without reading again.
import { analyzeStudy, type AnalysisOptions, type StudyAnalysis } from '$lib/core/analysis/analyze';
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
	/** Undefined while the study has no judgments. */
	analysis: StudyAnalysis | undefined;
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
		return {
			analysis: records.length > 0 ? analyzeStudy(records, request.options) : undefined,
			incomplete: incomplete.length
		};
	}
};

export type AnalysisWorkerApi = typeof analysisWorkerApi;
