// The page's side of the export workers (export.worker.ts): one worker per export, or per part of
// one, ended when the file is back. Booting a worker (loading its code, opening the database)
// takes about a tenth of a second, so the Data view keeps spares started before the user asks
// (`ExportWorkers.warm`), each spent on one export and replaced after it. On a machine with
// cores to spare, a JSONL or CSV export is written by two workers at once, each taking half of
// the judgments in order (see ExportShare), and the file is their parts in order.
import { shareable, type ExportKind, type ExportProgress, type ExportResult } from './export';
import type {
	ExportWorkerMessage,
	ExportWorkerReply,
	ExportWorkerRequest
} from './export-protocol';

/**
 * Workers that write one JSONL or CSV file at once. With two cores a second worker only competes
 * with the browser process, which takes in every byte of the file and serves the reads
 * (measured: 1.7 s against 1.6 s for one worker for 100,000 judgments); from four it can help.
 */
function workersFor(kind: ExportKind): number {
	if (!shareable(kind)) return 1;
	const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
	return cores >= 4 ? 2 : 1;
}

interface Spare {
	worker: Worker;
	/** Resolves once its database is open (or failed to open). */
	ready: Promise<void>;
	/** The worker itself failed (its code did not load) before an export was given to it. */
	failed: boolean;
}

function spawn(database: string): Spare {
	const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
	const spare: Spare = { worker, ready: Promise.resolve(), failed: false };
	spare.ready = new Promise<void>((resolve) => {
		worker.onmessage = (event: MessageEvent<ExportWorkerReply>) => {
			if (event.data.type === 'ready') resolve();
		};
		worker.onerror = (event) => {
			event.preventDefault();
			spare.failed = true;
			resolve();
		};
	});
	worker.postMessage({ type: 'open', database } satisfies ExportWorkerMessage);
	return spare;
}

function run(
	worker: Worker,
	request: ExportWorkerRequest,
	transfer: Transferable[],
	onProgress: (progress: ExportProgress) => void
): Promise<ExportResult<Blob>> {
	return new Promise<ExportResult<Blob>>((resolve, reject) => {
		worker.onmessage = (event: MessageEvent<ExportWorkerReply>) => {
			const reply = event.data;
			if (reply.type === 'ready') return;
			if (reply.type === 'progress') return onProgress({ done: reply.done, total: reply.total });
			if (reply.type === 'done') return resolve(reply.result);
			const error = new Error(reply.message);
			error.name = reply.name;
			reject(error);
		};
		worker.onerror = (event) => {
			event.preventDefault();
			reject(new Error(`The export worker stopped: ${event.message || 'unknown error'}`));
		};
		worker.postMessage({ type: 'export', request } satisfies ExportWorkerMessage, transfer);
	});
}

/** Export workers for one database, with spares kept booted while a view wants them. */
export class ExportWorkers {
	readonly #database: string;
	#spares: Spare[] = [];
	#keepWarm = false;

	constructor(database: string) {
		this.#database = database;
	}

	/** Starts the workers the next JSONL or CSV export will use, and keeps them after each export. */
	warm(): void {
		this.#keepWarm = true;
		while (this.#spares.length < workersFor('jsonl')) this.#spares.push(spawn(this.#database));
	}

	/** Resolves when every spare is booted and connected (benchmarks time a warm export). */
	async ready(): Promise<void> {
		await Promise.all(this.#spares.map((spare) => spare.ready));
	}

	/** Ends the spares; exports still start their own workers. */
	release(): void {
		this.#keepWarm = false;
		for (const spare of this.#spares.splice(0)) spare.worker.terminate();
	}

	/** A booted spare, or a fresh worker (a failed spare is replaced: the export says why). */
	#take(): Worker {
		const spare = this.#spares.shift();
		if (spare && !spare.failed) return spare.worker;
		spare?.worker.terminate();
		return spawn(this.#database).worker;
	}

	async export(
		request: Omit<ExportWorkerRequest, 'database' | 'share'>,
		onProgress?: (progress: ExportProgress) => void,
		workers = workersFor(request.kind)
	): Promise<ExportResult<Blob>> {
		const full: ExportWorkerRequest = { ...request, database: this.#database };
		const channels = Array.from({ length: workers - 1 }, () => new MessageChannel());
		const progress = Array.from({ length: workers }, () => ({ done: 0, total: 0 }));
		const report = (part: number) => (step: ExportProgress) => {
			progress[part] = step;
			onProgress?.(
				progress.reduce((sum, one) => ({ done: sum.done + one.done, total: sum.total + one.total }))
			);
		};
		const leaderPorts = channels.map((channel) => channel.port1);
		const used = Array.from({ length: workers }, () => this.#take());
		const runs = used.map((worker, part) => {
			if (workers === 1) return run(worker, full, [], report(0));
			const ports = part === 0 ? leaderPorts : [(channels[part - 1] as MessageChannel).port2];
			return run(worker, { ...full, share: { part, ports } }, ports, report(part));
		});
		try {
			const results = await Promise.all(runs);
			const [first] = results as [ExportResult<Blob>];
			return {
				...first,
				parts: [
					new Blob(
						results.flatMap((result) => result.parts),
						{ type: first.type }
					)
				],
				count: results.reduce((sum, result) => sum + result.count, 0),
				incomplete: results.reduce((sum, result) => sum + result.incomplete, 0)
			};
		} finally {
			for (const worker of used) worker.terminate();
			if (this.#keepWarm) this.warm();
		}
	}
}

/** One export in fresh workers (no spares). */
export function exportInWorker(
	request: ExportWorkerRequest,
	onProgress?: (progress: ExportProgress) => void,
	workers?: number
): Promise<ExportResult<Blob>> {
	const { database, ...rest } = request;
	return new ExportWorkers(database).export(rest, onProgress, workers);
}
