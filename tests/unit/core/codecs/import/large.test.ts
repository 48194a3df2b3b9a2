// 100,000-row files are checked in chunks: progress is reported and the caller gets a chance to
// yield between chunks, so a page (or a worker's message loop) never waits for the whole file.
import { describe, expect, it } from 'vitest';
import { analyseTable, readTable } from '$lib/core/codecs/import';
import { NOW } from './helpers';

const ROWS = 100_000;

function jsonl(): string {
	const lines: string[] = [];
	for (let index = 0; index < ROWS; index++)
		lines.push(
			JSON.stringify({
				prompt: `Question number ${index}: is it safe?`,
				domain: 'health',
				tags: 'bulk'
			})
		);
	return lines.join('\n');
}

function csv(): string {
	const lines = ['prompt,domain,tags'];
	for (let index = 0; index < ROWS; index++)
		lines.push(`"Question ""${index}"", is it safe?",health,bulk`);
	return lines.join('\r\n');
}

describe.each([
	['big.jsonl', jsonl],
	['big.csv', csv]
])('%s with 100,000 rows', (file, make) => {
	it('is analysed in chunks with progress and pauses', { timeout: 60_000 }, async () => {
		const progress: number[] = [];
		let pauses = 0;
		const analysis = await analyseTable(readTable(file, make()), {
			setId: 'bulk',
			now: NOW,
			chunkSize: 5000,
			onProgress: (done) => progress.push(done),
			pause: async () => {
				pauses++;
			}
		});
		expect(analysis.counts).toEqual({ rows: ROWS, valid: ROWS, invalid: 0, duplicates: 0 });
		expect(pauses).toBe(ROWS / 5000);
		expect(progress.at(-1)).toBe(ROWS);
		expect(progress.length).toBeGreaterThanOrEqual(20);
		expect(analysis.items[ROWS - 1]?.id).toBe('bulk:100000');
		expect(analysis.preview).toHaveLength(20);
	});
});
