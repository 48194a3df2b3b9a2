// A rater's judgments go back to the researcher as one small JSON file per (study, rater), named
// so a folder of them sorts by study and says whose each is. The envelope names study and rater
// so a merge can refuse a file from another study before reading a single judgment. Endpoint ids
// in it are the bundle's opaque ids: a rater's machine never held anything else.
import { z } from 'zod';
import { DataError, zodIssues, type DataIssue } from '$lib/core/errors';
import { IdSchema, JudgmentSchema, type Judgment } from '$lib/core/schema';
import { APP_VERSION } from '$lib/app/version';
import type { ArenaDB } from '$lib/db/arena-db';
import { getDb } from '$lib/db/db';
import { studyById } from '$lib/db/repos/bundles';
import { judgmentsOfRater } from '$lib/db/repos/judgments';
import { fileSlug } from '$lib/core/file-name';
import { downloadFile } from '$lib/app/download';

export const RATER_FILE_FORMAT = 'trait-arena/rater-judgments';
export const RATER_FILE_SCHEMA = 1;

export interface RaterFile {
	format: typeof RATER_FILE_FORMAT;
	schema: number;
	app: string;
	exportedAt: string;
	studyId: string;
	raterId: string;
	judgments: Judgment[];
}

export function raterFileName(studyName: string, raterId: string): string {
	return `${fileSlug(studyName)}.${fileSlug(raterId, 'rater')}.judgments.json`;
}

/** The judgments go through their schema (strict), so only known fields leave the machine. */
export function serializeRaterFile(
	studyId: string,
	raterId: string,
	judgments: readonly Judgment[],
	meta: { app: string; exportedAt: string }
): string {
	const file: RaterFile = {
		format: RATER_FILE_FORMAT,
		schema: RATER_FILE_SCHEMA,
		app: meta.app,
		exportedAt: meta.exportedAt,
		studyId,
		raterId,
		judgments: [...judgments]
			.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
			.map((judgment) => JudgmentSchema.parse(judgment))
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
	studyId: IdSchema,
	raterId: IdSchema,
	judgments: z.array(z.unknown())
});

/** Validates every judgment; any problem refuses the whole file (nothing half-merged). */
export function parseRaterFile(text: string, file: string): RaterFile {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new RaterFileError(`${file} is not a rater judgments file (it is not whole JSON).`);
	}
	const envelope = EnvelopeSchema.safeParse(json);
	if (!envelope.success || envelope.data.format !== RATER_FILE_FORMAT)
		throw new RaterFileError(`${file} is not a Trait Arena rater judgments file.`);
	const { schema, studyId, raterId } = envelope.data;
	if (schema > RATER_FILE_SCHEMA)
		throw new RaterFileError(
			`${file} was made by a newer Trait Arena (schema ${schema}); update the app to merge it.`,
			{ studyId, raterId }
		);
	const issues: DataIssue[] = [];
	const judgments: Judgment[] = [];
	envelope.data.judgments.forEach((raw, index) => {
		const parsed = JudgmentSchema.safeParse(raw);
		const location = { file, row: index + 1 };
		if (!parsed.success) return issues.push(...zodIssues(parsed.error, raw, location));
		if (parsed.data.studyId !== studyId || parsed.data.raterId !== raterId)
			return issues.push({ ...location, message: 'belongs to another study or rater' });
		judgments.push(parsed.data);
	});
	if (issues.length) throw new RaterFileError(new DataError(issues).message, { studyId, raterId });
	const meta = json as { app?: unknown; exportedAt?: unknown };
	return {
		format: RATER_FILE_FORMAT,
		schema,
		app: typeof meta.app === 'string' ? meta.app : '',
		exportedAt: typeof meta.exportedAt === 'string' ? meta.exportedAt : '',
		studyId,
		raterId,
		judgments
	};
}

/** Maps a judgment's opaque endpoint ids back to the researcher's endpoints. */
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
	return {
		fileName: raterFileName(study.name, raterId),
		text: serializeRaterFile(studyId, raterId, judgments, {
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
