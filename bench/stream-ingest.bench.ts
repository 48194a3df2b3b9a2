// The client's own CPU cost of ingesting streamed tokens: two concurrent `mock-long` streams at
// full speed through the real streaming client (openai SDK → StreamEvents, with retries and idle
// timer) and the runner's per-response accumulation (runOne, with its 250 ms progress
// snapshots). The mock server runs in a child process so its CPU is not counted; process.cpuUsage
// measures only this process. Linearity (16k ÷ 8k tokens per stream) catches O(n²) text building.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Endpoint, Response } from '../src/lib/core/schema';
import { runOne } from '../src/lib/generation/run-one';
import { streamChat } from '../src/lib/providers/openai-compatible';

const ROUNDS = 7;

function startMock(): Promise<{ child: ChildProcess; baseURL: string }> {
	return new Promise((resolve, reject) => {
		// node itself (not npx) so that killing the child really stops the server.
		const child = spawn(process.execPath, ['--import', 'tsx', 'tools/mock-openai/main.ts'], {
			env: { ...process.env, PORT: '0' },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`mock server exited with ${code}`)));
		const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
		lines.on('line', (line) => {
			const match = /listening on (\S+)/.exec(line);
			if (!match?.[1]) return;
			lines.close();
			child.stdout?.destroy();
			resolve({ child, baseURL: match[1] });
		});
	});
}

function endpoint(baseURL: string, id: string, maxTokens: number): Endpoint {
	return {
		id,
		label: id,
		role: 'baseline',
		preset: 'custom',
		baseURL,
		model: 'mock-long',
		params: { max_tokens: maxTokens },
		headers: {},
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z'
	};
}

/** Two concurrent responses of `tokens` tokens each; returns client CPU milliseconds. */
async function ingest(baseURL: string, tokens: number): Promise<number> {
	// Stands in for the runner's throttled storage write (IndexedDB clones the record).
	let snapshotBytes = 0;
	const onProgress = (response: Response) => {
		snapshotBytes += JSON.stringify(response).length;
	};
	const wallStart = performance.now();
	const before = process.cpuUsage();
	const results = await Promise.all(
		['a', 'b'].map((name) =>
			runOne({
				studyId: 'bench',
				item: { id: `item-${name}-${tokens}`, turns: [`Write at length (${name}).`] },
				endpoint: endpoint(baseURL, `ep-${name}`, tokens),
				key: 'sk-bench-0123456789',
				streamer: streamChat,
				onProgress
			})
		)
	);
	const used = process.cpuUsage(before);
	if (process.env.BENCH_DEBUG) {
		const cpu = ((used.user + used.system) / 1000).toFixed(0);
		console.log(
			`${tokens} tokens: ${(performance.now() - wallStart).toFixed(0)} ms wall, ${cpu} ms cpu, ${snapshotBytes} snapshot bytes`
		);
	}
	for (const result of results) {
		const received = result.usage?.completionTokens;
		if (result.status !== 'done' || received !== tokens) {
			throw new Error(
				`stream failed: ${result.status} ${result.error?.message ?? ''} (${received} tokens)`
			);
		}
	}
	return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const { child, baseURL } = await startMock();
try {
	// Warm-up: load the SDK and let the JIT settle before measuring.
	for (let round = 0; round < 3; round++) {
		await ingest(baseURL, 8_000);
		await ingest(baseURL, 16_000);
	}
	const small: number[] = [];
	const large: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		(globalThis as { gc?: () => void }).gc?.();
		small.push(await ingest(baseURL, 8_000));
		(globalThis as { gc?: () => void }).gc?.();
		large.push(await ingest(baseURL, 16_000));
	}
	const cost8k = median(small);
	const cost16k = median(large);
	// Two streams of 8,000 tokens = 16,000 tokens ingested.
	console.log(`BENCH stream_ingest_ms_per_1k_tokens ${(cost8k / 16).toFixed(2)} ms`);
	console.log(`BENCH stream_ingest_linearity ${(cost16k / cost8k).toFixed(2)} ratio`);
} finally {
	child.removeAllListeners('exit');
	child.kill('SIGTERM');
}
