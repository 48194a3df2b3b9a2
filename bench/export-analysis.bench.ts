// Export and analysis at scale (issue 6): 100,000 synthetic judgments through the real core
// codecs and analysis. Export = build each self-contained record and serialise it, in the
// 2,000-record chunks the app uses, then UTF-8 encoding of the parts as the browser's Blob does. Memory is the heap / RSS growth measured right after the
// analysis, before any collection — an upper bound on what the analysis itself needed.
import { analyzeRecords } from '../src/lib/core/analysis/analyze';
import { csvChunk, csvColumns } from '../src/lib/core/codecs/csv';
import { buildJudgmentRecord, type JudgmentRecord } from '../src/lib/core/codecs/judgment-record';
import { judgmentLines } from '../src/lib/core/codecs/jsonl';
import { syntheticWorld, worldContexts } from '../tests/unit/core/analysis/synthetic';

const JUDGMENTS = 100_000;
const CHUNK = 2_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const world = syntheticWorld({ judgments: JUDGMENTS, items: 1_000, raters: 20, answerChars: 300 });
const contexts = [...worldContexts(world)];

function exportRun(write: (records: JudgmentRecord[], first: boolean) => string): number {
	const started = performance.now();
	const parts: string[] = [];
	let bytes = 0;
	for (let start = 0; start < contexts.length; start += CHUNK) {
		const records = contexts.slice(start, start + CHUNK).map(buildJudgmentRecord);
		const part = write(records, start === 0);
		bytes += part.length;
		parts.push(part);
	}
	// The browser hands the parts to a Blob, which encodes them to UTF-8: that is part of the
	// cost. (Node's own Blob is a slow JavaScript path unlike the browser's, so encode directly.)
	const encoder = new TextEncoder();
	let size = 0;
	for (const part of parts) size += encoder.encode(part).length;
	const seconds = (performance.now() - started) / 1000;
	if (bytes === 0 || size < bytes) throw new Error('empty export');
	return seconds;
}

gc();
const jsonl = exportRun((records) => judgmentLines(records));
console.log(`BENCH export_jsonl_100k_s ${jsonl.toFixed(3)} s`);

gc();
const columns = csvColumns(
	world.judgments.flatMap((judgment) => Object.keys(judgment.traitChoices))
);
const csv = exportRun((records, first) => csvChunk(records, columns, first));
console.log(`BENCH export_csv_100k_s ${csv.toFixed(3)} s`);

const records = contexts.map(buildJudgmentRecord);
gc();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const analyses = analyzeRecords(records);
const analysisSeconds = (performance.now() - started) / 1000;
const after = process.memoryUsage();
const peakMb = Math.max(after.heapUsed - heapBefore, after.rss - rssBefore) / 1024 / 1024;
if (analyses[0]?.counts.judgments !== JUDGMENTS) throw new Error('analysis lost judgments');
console.log(`BENCH analysis_100k_s ${analysisSeconds.toFixed(3)} s`);
console.log(`BENCH analysis_peak_mb ${peakMb.toFixed(1)} MB`);
