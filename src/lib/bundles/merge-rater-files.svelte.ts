// The researcher drops in a folder's worth of rater files at once. Each file is its own unit:
// validated whole, mapped back through the study's bundle key (each opaque trial and answer id
// recomputed from the secret kept on the study), merged in one transaction, and
// reported on its own row, so one bad or foreign file never blocks (or half-merges) the others.
// Merging the same file twice adds nothing: judgments are matched by id and never overwritten.
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { BundleError, bundleKeyMap } from '$lib/core/bundle/bundle';
import { sniffBytes } from '$lib/core/codecs/sniff';
import { resolveBundleJudgment } from '$lib/core/bundle/rater-judgments';
import { DataError, type DataIssue } from '$lib/core/errors';
import type { Judgment, Study } from '$lib/core/schema';
import { mergeJudgments, studyByBundleId, studyById, trialsOfStudy } from '$lib/db/repos/bundles';
import { gunzipText, hmacPrf } from './bundle-file';
import { RaterFileError, parseRaterFile, resolveJudgment, type RaterFile } from './rater-file';

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
	/** When given (a File), the first bytes decide: empty, binary, gzip (gunzipped) or text. */
	arrayBuffer?(): Promise<ArrayBuffer>;
}

async function readText(file: FileLike): Promise<string> {
	if (!file.arrayBuffer) return file.text();
	const bytes = new Uint8Array(await file.arrayBuffer());
	const shape = sniffBytes(bytes);
	if (shape === 'empty')
		throw new RaterFileError(`${file.name} is empty: it holds no judgments (0 bytes).`);
	if (shape === 'binary')
		throw new RaterFileError(
			`${file.name} is not a Trait Arena rater judgments file (it holds binary data).`
		);
	if (shape === 'text') return new TextDecoder().decode(bytes);
	try {
		return await gunzipText(bytes, file.name);
	} catch (error) {
		if (error instanceof BundleError && error.kind === 'truncated')
			throw new RaterFileError(
				`${file.name} is incomplete: it ends early (an interrupted download or copy). Ask the rater to export it again.`
			);
		throw new RaterFileError(
			`${file.name} is damaged: its compressed data fails the integrity check. Ask the rater for the file again.`
		);
	}
}

/** Maps a bundle rater file back through the study's key; any unknown id refuses the file. */
async function resolveThroughKey(
	db: ArenaDB,
	study: Study,
	parsed: RaterFile,
	file: string
): Promise<Judgment[]> {
	if (!study.bundleKey) throw new RaterFileError('The study has no bundle key.');
	const key = await bundleKeyMap(
		await trialsOfStudy(db, study.id),
		await hmacPrf(study.bundleKey.secret)
	);
	const issues: DataIssue[] = [];
	const resolved: Judgment[] = [];
	parsed.judgments.forEach((judgment, index) => {
		const result = resolveBundleJudgment(judgment, key, study.id, { file, row: index + 1 });
		if ('issue' in result) issues.push(result.issue);
		else resolved.push(result.judgment);
	});
	if (issues.length)
		throw new RaterFileError(
			`${new DataError(issues).message}\nNothing from this file was merged: it does not match the bundle exported from this study.`
		);
	return resolved;
}

async function studyOf(db: ArenaDB, parsed: RaterFile): Promise<Study | string> {
	if (parsed.bundleId !== undefined) {
		const study = await studyByBundleId(db, parsed.bundleId);
		return study ?? 'Its bundle was not exported from this browser (a file from another study?).';
	}
	const study = await studyById(db, parsed.studyId);
	if (!study) return 'Its study is not in this browser (a file from another study?).';
	if (study.kind === 'bundle' || !study.bundleMap)
		return 'This study was never exported as a bundle here, so its opaque endpoints cannot be mapped.';
	return study;
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
		const parsed = await parseRaterFile(await readText(file), file.name);
		Object.assign(report, { raterId: parsed.raterId, count: parsed.judgments.length });
		const study = await studyOf(db, parsed);
		if (typeof study === 'string') return refuse(study);
		report.studyId = study.id;
		if (expectedStudyId && study.id !== expectedStudyId)
			return refuse('It belongs to a different study.');
		const map = study.bundleMap ?? {};
		const resolved =
			parsed.bundleId !== undefined
				? await resolveThroughKey(db, study, parsed, file.name)
				: parsed.judgments.map((judgment) => resolveJudgment(judgment, map));
		return { ...report, ...(await mergeJudgments(db, study.id, resolved)) };
	} catch (error) {
		if (error instanceof RaterFileError) {
			if (error.envelope?.raterId) report.raterId = error.envelope.raterId;
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
