// An independent reader for both exports: Python's standard json and csv modules must see the
// same judgments, the same columns and the same values, awkward text included.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvColumns } from '$lib/core/codecs/csv';
import { runExport } from '$lib/transfer/export';
import { testDb } from '../db/test-db';
import { syntheticWorld } from '../core/analysis/synthetic';
import { seedWorld } from './seed';

const AWKWARD = 'Line one\nline "two", with commas;\r\nthird\ttab — ünïcode 😀 =SUM(A1) \u2028end ';

const SCRIPT = `
import csv, json, sys
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
with open(sys.argv[2], encoding="utf-8", newline="") as handle:
    reader = csv.reader(handle, strict=True)
    header = next(reader)
    rows = [dict(zip(header, row)) for row in reader]
    widths = sorted({len(row) for row in rows})
def text(value):
    if value is None: return ""
    if isinstance(value, bool): return "true" if value else "false"
    return str(value)
mismatches = []
for record, row in zip(records, rows):
    expected = {
        "judgment_id": record["id"], "rater_id": record["raterId"], "overall": text(record["overall"]),
        "rationale": record["rationale"], "left_label": record["left"]["endpoint"]["label"],
        "right_answer": record["right"]["answer"], "decision_ms": text(record["decisionMs"]),
        "leak_flagged": text(record["trial"]["leakFlagged"]), "traits": ";".join(record["item"]["traits"]),
        "winner_endpoint_id": text(record["winner"] and record["winner"]["endpointId"]),
    }
    for column, value in expected.items():
        if row[column] != value: mismatches.append([record["id"], column, row[column], value])
    if json.loads(row["left_transcript"]) != record["left"]["response"]["transcript"]:
        mismatches.append([record["id"], "left_transcript"])
    for trait, choice in record["traitChoices"].items():
        if row["trait_" + trait] != choice["choice"]: mismatches.append([record["id"], trait])
print(json.dumps({"records": len(records), "rows": len(rows), "header": header, "widths": widths,
                  "mismatches": mismatches[:5]}))
`;

describe('exports read by Python’s json and csv modules', () => {
	it('agree on rows, columns and values', async () => {
		const world = syntheticWorld({ judgments: 30, items: 5 });
		world.judgments = world.judgments.map((judgment, index) => ({
			...judgment,
			rationale: index % 2 ? AWKWARD : judgment.rationale
		}));
		world.endpoints = world.endpoints.map((endpoint) => ({
			...endpoint,
			label: `${endpoint.label}, "quoted"`
		}));
		world.responses = world.responses.map((response) => ({
			...response,
			transcript: response.transcript.map((message) =>
				message.role === 'assistant'
					? { ...message, content: `${message.content}\n${AWKWARD}` }
					: message
			)
		}));
		const db = testDb();
		await seedWorld(db, world);
		const dir = mkdtempSync(join(tmpdir(), 'py-readers-'));
		const jsonlPath = join(dir, 'j.jsonl');
		const csvPath = join(dir, 'j.csv');
		const pause = () => Promise.resolve();
		writeFileSync(
			jsonlPath,
			(await runExport(db, { kind: 'jsonl', pause, chunkSize: 7 })).parts.join('')
		);
		writeFileSync(
			csvPath,
			(await runExport(db, { kind: 'csv', pause, chunkSize: 7 })).parts.join('')
		);

		const result = spawnSync('python3', ['-c', SCRIPT, jsonlPath, csvPath], { encoding: 'utf8' });
		expect(result.stderr).toBe('');
		const report = JSON.parse(result.stdout) as {
			records: number;
			rows: number;
			header: string[];
			widths: number[];
			mismatches: unknown[];
		};
		const traits = world.judgments.flatMap((judgment) => Object.keys(judgment.traitChoices));
		expect(report).toEqual({
			records: 30,
			rows: 30,
			header: csvColumns(traits),
			widths: [csvColumns(traits).length],
			mismatches: []
		});
	});
});
