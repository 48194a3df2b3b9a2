// "Import answers from a file" on a study page: read the files, match them to the study, store
// what matched in one transaction and keep a report of what did not. One call per user action.
import { planAnswerImport, type ModelReport } from '$lib/core/codecs/answers/match';
import { readAnswerFile } from '$lib/core/codecs/answers/read';
import { nowIso, systemClock } from '$lib/core/clock';
import { formatImportIssue } from '$lib/core/codecs/import';
import { newId } from '$lib/core/ids';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { applyAnswerPlan, loadAnswerTarget } from '$lib/db/repos/answer-import';

export interface AnswerImportReport {
	files: string[];
	records: number;
	saved: number;
	/** Records that could not be read: while there are any, nothing is saved. */
	broken: number;
	models: ModelReport[];
	/** The first issues, formatted with file, line and field. */
	issues: string[];
	issueTotal: number;
}

const LISTED = 50;

export class AnswerImport {
	busy = $state(false);
	error = $state('');
	report = $state.raw<AnswerImportReport | undefined>(undefined);

	readonly #studyId: string;
	readonly #db: () => ArenaDB;
	readonly #now: () => string;

	constructor(studyId: string, deps: { db?: () => ArenaDB; now?: () => string } = {}) {
		this.#studyId = studyId;
		this.#db = deps.db ?? getDb;
		this.#now = deps.now ?? (() => nowIso(systemClock));
	}

	async importFiles(files: readonly File[]): Promise<void> {
		if (this.busy || files.length === 0) return;
		this.busy = true;
		this.error = '';
		this.report = undefined;
		try {
			const read = await Promise.all(
				files.map(async (file) => readAnswerFile(file.name, await file.text()))
			);
			const db = this.#db();
			const target = await loadAnswerTarget(db, this.#studyId);
			const plan = planAnswerImport(read, target, { now: this.#now(), newId });
			// A broken record means the file is not what its writer meant: store none of it. A
			// record that matches no item is normal (a benchmark's other questions) and skipped.
			const broken = read.reduce((sum, file) => sum + file.issues.length, 0);
			if (plan.responses.length && broken === 0) await applyAnswerPlan(db, target, plan);
			this.report = {
				files: files.map((file) => file.name),
				records: plan.total,
				saved: broken ? 0 : plan.responses.length,
				broken,
				models: plan.models,
				issues: plan.issues.slice(0, LISTED).map(formatImportIssue),
				issueTotal: plan.issues.length
			};
		} catch (cause) {
			this.error = describeStorageError(cause);
		} finally {
			this.busy = false;
		}
	}
}
