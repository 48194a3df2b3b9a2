// The researcher drops in a folder's worth of rater files at once. Each file is its own unit:
// validated whole, mapped back through the study's opaque map, merged in one transaction, and
// reported on its own row, so one bad or foreign file never blocks (or half-merges) the others.
// Merging the same file twice adds nothing: judgments are matched by id and never overwritten.
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { mergeJudgments, studyById } from '$lib/db/repos/bundles';
import { RaterFileError, parseRaterFile, resolveJudgment } from './rater-file';

export interface MergeReport {
	file: string;
	raterId?: string;
	studyId?: string;
	/** Judgments in the file. */
	count: number;
	added: number;
	duplicates: number;
	conflicts: number;
	/** Why nothing from this file was merged. */
	refused?: string;
}

interface FileLike {
	name: string;
	text(): Promise<string>;
}

/** Merges one file; never throws (every outcome is a report row). */
export async function mergeRaterFile(
	db: ArenaDB,
	file: FileLike,
	expectedStudyId?: string
): Promise<MergeReport> {
	const report: MergeReport = { file: file.name, count: 0, added: 0, duplicates: 0, conflicts: 0 };
	const refuse = (reason: string) => ({ ...report, refused: reason });
	try {
		const parsed = parseRaterFile(await file.text(), file.name);
		Object.assign(report, {
			raterId: parsed.raterId,
			studyId: parsed.studyId,
			count: parsed.judgments.length
		});
		if (expectedStudyId && parsed.studyId !== expectedStudyId)
			return refuse('It belongs to a different study.');
		const study = await studyById(db, parsed.studyId);
		if (!study) return refuse('Its study is not in this browser (a file from another study?).');
		if (study.kind === 'bundle' || !study.bundleMap)
			return refuse(
				'This study was never exported as a bundle here, so its opaque endpoints cannot be mapped.'
			);
		const map = study.bundleMap;
		const resolved = parsed.judgments.map((judgment) => resolveJudgment(judgment, map));
		return { ...report, ...(await mergeJudgments(db, parsed.studyId, resolved)) };
	} catch (error) {
		if (error instanceof RaterFileError) {
			Object.assign(report, error.envelope ?? {});
			return refuse(error.message);
		}
		if (error instanceof Error && error.name === 'BundleInstallError') return refuse(error.message);
		return refuse(describeStorageError(error));
	}
}

export class RaterFileMerger {
	reports = $state.raw<MergeReport[]>([]);
	busy = $state(false);

	readonly #db: () => ArenaDB;
	readonly #studyId: string | undefined;

	constructor(options: { studyId?: string; db?: () => ArenaDB } = {}) {
		this.#db = options.db ?? getDb;
		this.#studyId = options.studyId;
	}

	get totals() {
		return this.reports.reduce(
			(sum, report) => ({
				added: sum.added + report.added,
				duplicates: sum.duplicates + report.duplicates,
				conflicts: sum.conflicts + report.conflicts,
				refused: sum.refused + (report.refused ? 1 : 0)
			}),
			{ added: 0, duplicates: 0, conflicts: 0, refused: 0 }
		);
	}

	async merge(files: Iterable<FileLike>): Promise<MergeReport[]> {
		this.busy = true;
		const reports: MergeReport[] = [];
		try {
			for (const file of files) {
				reports.push(await mergeRaterFile(this.#db(), file, this.#studyId));
				this.reports = [...reports];
			}
		} finally {
			this.busy = false;
		}
		return reports;
	}
}
