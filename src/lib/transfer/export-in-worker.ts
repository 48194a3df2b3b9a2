// The page's side of the export workers (export.worker.ts): workers started per export, ended
// when the file is back. A JSONL or CSV export is written by two workers at once, each taking
// half of the judgments in order (see ExportShare), and the file is their parts in order; the
// other kinds by one. Where there is no Worker (unit tests), the job runs the export in the page.
import { shareable, type ExportKind, type ExportProgress, type ExportResult } from './export';
import type { ExportWorkerReply, ExportWorkerRequest } from './export-protocol';

/** Workers that write one JSONL or CSV file at once: serialising is most of an export's work. */
function workersFor(kind: ExportKind): number {
	if (!shareable(kind)) return 1;
	const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
	return cores >= 2 ? 2 : 1;
}

interface Run {
	worker: Worker;
	result: Promise<ExportResult<Blob>>;
}

function start(
	request: ExportWorkerRequest,
	transfer: Transferable[],
	onProgress: (progress: ExportProgress) => void
): Run {
	const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
	const result = new Promise<ExportResult<Blob>>((resolve, reject) => {
		worker.onmessage = (event: MessageEvent<ExportWorkerReply>) => {
			const reply = event.data;
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
		worker.postMessage(request, transfer);
	});
	return { worker, result };
}

export async function exportInWorker(
	request: ExportWorkerRequest,
	onProgress?: (progress: ExportProgress) => void,
	workers = workersFor(request.kind)
): Promise<ExportResult<Blob>> {
	const channels = Array.from({ length: workers - 1 }, () => new MessageChannel());
	const progress: ExportProgress[] = Array.from({ length: workers }, () => ({ done: 0, total: 0 }));
	const report = (part: number) => (step: ExportProgress) => {
		progress[part] = step;
		onProgress?.(
			progress.reduce((sum, one) => ({ done: sum.done + one.done, total: sum.total + one.total }))
		);
	};
	const leaderPorts = channels.map((channel) => channel.port1);
	const runs =
		workers === 1
			? [start(request, [], report(0))]
			: [
					start({ ...request, share: { part: 0, ports: leaderPorts } }, leaderPorts, report(0)),
					...channels.map((channel, index) =>
						start(
							{ ...request, share: { part: index + 1, ports: [channel.port2] } },
							[channel.port2],
							report(index + 1)
						)
					)
				];
	try {
		const results = await Promise.all(runs.map((run) => run.result));
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
		for (const run of runs) run.worker.terminate();
	}
}
