// `npm run analyze -- <export.jsonl>… [--json]`: the Results view's analysis on exported files,
// for pipelines and notebooks. Files are read line by line (a 100,000-judgment export never sits
// in memory as one string), merged by judgment id like an import (the same id twice with the
// same content counts once; with different content the first wins and a warning names both
// places), then analysed by the same core code as the app.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { analyzeRecords, type AnalysisOptions } from '../../src/lib/core/analysis/analyze';
import { analysisText } from '../../src/lib/core/analysis/report-text';
import { LineSplitter, parseJsonLine, readJudgmentRecord } from '../../src/lib/core/codecs/jsonl';
import type { JudgmentRecord } from '../../src/lib/core/codecs/judgment-record';
import { canonicalJson } from '../../src/lib/core/canonical-json';
import { formatIssue, type DataIssue } from '../../src/lib/core/errors';

export const USAGE = `Usage: npm run analyze -- <export.jsonl>… [options]

Reads Trait Arena judgment exports (JSON Lines) and prints the analysis of each study:
cluster-robust intervals and tests by default, with the naive (independent votes) figures
beside them for comparison. Records are analysed in one canonical order (creation time, then
id), so the same judgments give the same numbers as the app's Results view in any line order.

Options:
  --json                  print the analysis as JSON instead of tables
  --include-attention     count attention-check trials as votes
  --include-leak-flagged  count trials flagged for a possible identity leak
  --include-swaps         count swap re-shows as extra votes
  --target <rate>         win rate to plan power for (default 0.6)
  --alpha <level>         significance level (default 0.05)
  --power <power>         wanted power (default 0.8)
  --design-effect <d>     design effect to plan with until the study has its own (default 1.5)
  --tie-rate <share>      tie share to plan with until the study has its own (default 0.2)
  --resamples <n>         Bradley–Terry bootstrap resamples (default 200)
  --without-rater <id>    leave one rater out of everything (repeatable): the
                          "without this rater" sensitivity view
  --raters <kind>         whose verdicts count: human (default), model or all
  --help                  show this text`;

export interface CliArgs {
	files: string[];
	json: boolean;
	options: AnalysisOptions;
	help: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
	const args: CliArgs = { files: [], json: false, options: {}, help: false };
	const number = (flag: string, value: string | undefined): number => {
		const parsed = Number(value);
		if (value === undefined || !Number.isFinite(parsed)) throw new Error(`${flag} needs a number`);
		return parsed;
	};
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index] ?? '';
		if (arg === '--json') args.json = true;
		else if (arg === '--help' || arg === '-h') args.help = true;
		else if (arg === '--include-attention') args.options.includeAttention = true;
		else if (arg === '--include-leak-flagged') args.options.includeLeakFlagged = true;
		else if (arg === '--include-swaps') args.options.includeSwaps = true;
		else if (arg === '--target') args.options.targetWinRate = number(arg, argv[++index]);
		else if (arg === '--alpha') args.options.alpha = number(arg, argv[++index]);
		else if (arg === '--power') args.options.power = number(arg, argv[++index]);
		else if (arg === '--design-effect') args.options.designEffect = number(arg, argv[++index]);
		else if (arg === '--tie-rate') args.options.tieRate = number(arg, argv[++index]);
		else if (arg === '--resamples') args.options.resamples = number(arg, argv[++index]);
		else if (arg === '--without-rater') {
			const rater = argv[++index];
			if (rater === undefined || rater.startsWith('--')) throw new Error(`${arg} needs a rater id`);
			args.options.excludeRaters = [...(args.options.excludeRaters ?? []), rater];
		} else if (arg === '--raters') {
			const kind = argv[++index];
			if (kind !== 'human' && kind !== 'model' && kind !== 'all')
				throw new Error(`${arg} needs human, model or all`);
			args.options.raterKind = kind;
		} else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
		else args.files.push(arg);
	}
	return args;
}

export interface LoadResult {
	records: JudgmentRecord[];
	issues: DataIssue[];
	warnings: string[];
}

export async function loadRecords(files: readonly string[]): Promise<LoadResult> {
	const result: LoadResult = { records: [], issues: [], warnings: [] };
	const seen = new Map<string, { json: string; where: string }>();
	for (const path of files) {
		const file = basename(path);
		const splitter = new LineSplitter();
		const handle = (line: number, text: string) => {
			const location = { file, row: line };
			const parsed = parseJsonLine(text, location);
			if (!parsed.ok) return void result.issues.push(parsed.issue);
			const read = readJudgmentRecord(parsed.value, location);
			if (!read.ok) return void result.issues.push(...read.issues);
			const json = canonicalJson(read.record);
			const earlier = seen.get(read.record.id);
			const where = `${file}, row ${line}`;
			if (!earlier) {
				seen.set(read.record.id, { json, where });
				result.records.push(read.record);
			} else if (earlier.json !== json) {
				result.warnings.push(
					`judgment ${read.record.id} at ${where} differs from ${earlier.where}; kept the first`
				);
			}
		};
		const stream = createReadStream(path, { encoding: 'utf8' });
		for await (const chunk of stream) {
			for (const line of splitter.push(chunk as string)) handle(line.line, line.text);
		}
		for (const line of splitter.flush()) handle(line.line, line.text);
	}
	return result;
}

export async function run(
	argv: readonly string[],
	out: (text: string) => void,
	err: (text: string) => void
): Promise<number> {
	let args: CliArgs;
	try {
		args = parseArgs(argv);
	} catch (error) {
		err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
		return 2;
	}
	if (args.help || args.files.length === 0) {
		(args.help ? out : err)(USAGE);
		return args.help ? 0 : 2;
	}
	let loaded: LoadResult;
	try {
		loaded = await loadRecords(args.files);
	} catch (error) {
		err(`Cannot read the files: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
	if (loaded.issues.length > 0) {
		const shown = loaded.issues.slice(0, 20).map(formatIssue);
		const more = loaded.issues.length > 20 ? [`…and ${loaded.issues.length - 20} more`] : [];
		err(['The files have errors; nothing was analysed:', ...shown, ...more].join('\n'));
		return 1;
	}
	for (const warning of loaded.warnings) err(`warning: ${warning}`);
	if (loaded.records.length === 0) {
		err('No judgments in the files.');
		return 1;
	}
	const analyses = analyzeRecords(loaded.records, args.options);
	if (args.json) {
		out(
			JSON.stringify(
				analyses.map(({ ratings, ...rest }) => ({
					...rest,
					ratings: ratings && { rows: ratings.rows, resamples: ratings.resamples }
				})),
				null,
				2
			)
		);
	} else out(analyses.map(analysisText).join('\n\n'));
	return 0;
}

const invokedDirectly = process.argv[1]?.replace(/\\/g, '/').endsWith('tools/analyze/main.ts');
if (invokedDirectly) {
	run(
		process.argv.slice(2),
		(text) => process.stdout.write(`${text}\n`),
		(text) => process.stderr.write(`${text}\n`)
	).then(
		(code) => process.exit(code),
		(error: unknown) => {
			process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
			process.exit(1);
		}
	);
}
