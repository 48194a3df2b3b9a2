// A rater's judgments go back to the researcher as one small JSON file per (study, rater), named
// so a folder of them sorts by study and says whose each is. The envelope names the bundle, study
// and rater, so a merge can refuse a file from another study before reading a single judgment,
// and carries a checksum so an edited copy (another rater id written over it) is refused. Ids in
// it are the bundle's opaque ids: a rater's machine never held anything else.
import { z } from 'zod';
import { canonicalJson } from '$lib/core/canonical-json';
import { DataError, zodIssues, type DataIssue } from '$lib/core/errors';
import { beganAs, isBlank } from '$lib/core/codecs/sniff';
import { judgmentContradictions } from '$lib/core/bundle/rater-judgments';
import { IdSchema, JudgmentSchema, type Judgment } from '$lib/core/schema';
import { APP_VERSION } from '$lib/app/version';
import type { ArenaDB } from '$lib/db/arena-db';
import { getDb } from '$lib/db/db';
import { studyById } from '$lib/db/repos/bundles';
import { judgmentsOfRater } from '$lib/db/repos/judgments';
import { fileSlug } from '$lib/core/file-name';
import { downloadFile } from '$lib/app/download';
import { sha256Hex } from './bundle-file';

export const RATER_FILE_FORMAT = 'trait-arena/rater-judgments';
export const RATER_FILE_SCHEMA = 2;

export interface RaterFile {
	format: typeof RATER_FILE_FORMAT;
	schema: number;
	app: string;
	exportedAt: string;
	/** The bundle the judgments were made on (schema 2 on; absent for a study judged at home). */
	bundleId?: string;
	studyId: string;
	raterId: string;
	checksum?: string;
	judgments: Judgment[];
}

export function raterFileName(studyName: string, raterId: string): string {
	return `${fileSlug(studyName)}.${fileSlug(raterId, 'rater')}.judgments.json`;
}

/** What the checksum covers: everything that says whose judgments these are, and the judgments. */
function checksummed(file: {
	bundleId?: string;
	studyId: string;
	raterId: string;
	judgments: unknown;
}) {
	return canonicalJson({
		bundleId: file.bundleId,
		studyId: file.studyId,
		raterId: file.raterId,
		judgments: file.judgments
	});
}

/** The judgments go through their schema (strict), so only known fields leave the machine. */
export async function serializeRaterFile(
	ids: { studyId: string; raterId: string; bundleId?: string },
	judgments: readonly Judgment[],
	meta: { app: string; exportedAt: string }
): Promise<string> {
	const sorted = [...judgments]
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
		.map((judgment) => JudgmentSchema.parse(judgment));
	const body = { ...ids, judgments: sorted };
	const file: RaterFile = {
		format: RATER_FILE_FORMAT,
		schema: RATER_FILE_SCHEMA,
		app: meta.app,
		exportedAt: meta.exportedAt,
		...(ids.bundleId === undefined ? {} : { bundleId: ids.bundleId }),
		studyId: ids.studyId,
		raterId: ids.raterId,
		checksum: `sha256:${await sha256Hex(checksummed(body))}`,
		judgments: sorted
	};
	return `${JSON.stringify(file, null, 1)}\n`;
}

export class RaterFileError extends Error {
	constructor(
		message: string,
		readonly envelope?: { studyId?: string; raterId?: string }
	) {
		super(message);
		this.name = 'RaterFileError';
	}
}

const EnvelopeSchema = z.object({
	format: z.string(),
	schema: z.int(),
	bundleId: IdSchema.optional(),
	studyId: IdSchema,
	raterId: IdSchema,
	checksum: z.string().optional(),
	judgments: z.array(z.unknown())
});

/** 1-based line where each judgment's id is written (rater files are pretty-printed JSON). */
function judgmentLines(text: string, judgments: readonly unknown[]): (number | undefined)[] {
	let from = Math.max(0, text.indexOf('"judgments"'));
	return judgments.map((raw) => {
		const id = (raw as { id?: unknown } | null)?.id;
		if (typeof id !== 'string') return undefined;
		const match = new RegExp(
			`"id"\\s*:\\s*${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
			'g'
		);
		match.lastIndex = from;
		const found = match.exec(text);
		if (!found) return undefined;
		from = found.index + found[0].length;
		return text.slice(0, found.index).split('\n').length;
	});
}

function readJson(text: string, file: string): unknown {
	if (isBlank(text)) throw new RaterFileError(`${file} is empty: it holds no judgments.`);
	try {
		return JSON.parse(text);
	} catch {
		throw new RaterFileError(
			beganAs(text, RATER_FILE_FORMAT)
				? `${file} is incomplete: it ends early (an interrupted download or copy). Ask the rater to export it again.`
				: `${file} is not a Trait Arena rater judgments file (it is not JSON).`
		);
	}
}

/** Validates every judgment; any problem refuses the whole file (nothing half-merged). */
export async function parseRaterFile(text: string, file: string): Promise<RaterFile> {
	const json = readJson(text, file);
	const envelope = EnvelopeSchema.safeParse(json);
	if (!envelope.success || envelope.data.format !== RATER_FILE_FORMAT)
		throw new RaterFileError(`${file} is not a Trait Arena rater judgments file.`);
	const { schema, studyId, raterId, bundleId, checksum } = envelope.data;
	const located = { studyId, raterId };
	if (schema > RATER_FILE_SCHEMA)
		throw new RaterFileError(
			`${file} was made by a newer Trait Arena (schema ${schema}); update the app to merge it.`,
			located
		);
	if (schema >= 2) {
		const expected = `sha256:${await sha256Hex(checksummed(envelope.data))}`;
		if (checksum !== expected)
			throw new RaterFileError(
				`${file} fails its checksum: it was changed after the rater exported it (a rater id or judgment edited). Ask the rater for the original file.`,
				located
			);
	}
	const issues: DataIssue[] = [];
	const judgments: Judgment[] = [];
	const lines = judgmentLines(text, envelope.data.judgments);
	envelope.data.judgments.forEach((raw, index) => {
		const line = lines[index];
		const location = { file, row: index + 1, ...(line === undefined ? {} : { line }) };
		const parsed = JudgmentSchema.safeParse(raw);
		if (!parsed.success)
			return issues.push(...zodIssues(parsed.error, raw, { ...location, field: undefined }));
		if (parsed.data.studyId !== studyId)
			return issues.push({ ...location, field: 'studyId', message: 'belongs to another study' });
		if (parsed.data.raterId !== raterId)
			return issues.push({ ...location, field: 'raterId', message: 'belongs to another rater' });
		const contradictions = judgmentContradictions(parsed.data);
		if (contradictions.length)
			return issues.push(...contradictions.map((problem) => ({ ...location, ...problem })));
		judgments.push(parsed.data);
	});
	if (issues.length) throw new RaterFileError(new DataError(issues).message, located);
	const meta = json as { app?: unknown; exportedAt?: unknown };
	return {
		format: RATER_FILE_FORMAT,
		schema,
		app: typeof meta.app === 'string' ? meta.app : '',
		exportedAt: typeof meta.exportedAt === 'string' ? meta.exportedAt : '',
		...(bundleId === undefined ? {} : { bundleId }),
		studyId,
		raterId,
		judgments
	};
}

/** Maps an old-style (schema 1) file's opaque endpoint ids back to the researcher's endpoints. */
export function resolveJudgment(judgment: Judgment, map: Readonly<Record<string, string>>) {
	const real = (opaque: string) => {
		const id = map[opaque];
		if (!id)
			throw new RaterFileError(
				`A judgment names endpoint ${opaque}, which this study's bundle never used: the file comes from another bundle.`
			);
		return id;
	};
	return {
		...judgment,
		leftEndpointId: real(judgment.leftEndpointId),
		rightEndpointId: real(judgment.rightEndpointId),
		winnerEndpointId: judgment.winnerEndpointId === null ? null : real(judgment.winnerEndpointId)
	};
}

export async function exportRaterJudgments(
	db: ArenaDB,
	studyId: string,
	raterId: string,
	now: () => Date = () => new Date()
): Promise<{ fileName: string; text: string; count: number }> {
	const study = await studyById(db, studyId);
	if (!study) throw new Error('This study is not in this browser.');
	const judgments = await judgmentsOfRater(db, studyId, raterId);
	const ids = { studyId, raterId, ...(study.kind === 'bundle' ? { bundleId: studyId } : {}) };
	return {
		fileName: raterFileName(study.name, raterId),
		text: await serializeRaterFile(ids, judgments, {
			app: APP_VERSION,
			exportedAt: now().toISOString()
		}),
		count: judgments.length
	};
}

/** The rater's one action: save their judgments of the study as one file. */
export async function downloadRaterJudgments(studyId: string, raterId: string) {
	const file = await exportRaterJudgments(getDb(), studyId, raterId);
	downloadFile(file.fileName, file.text, 'application/json');
	return { fileName: file.fileName, count: file.count };
}
