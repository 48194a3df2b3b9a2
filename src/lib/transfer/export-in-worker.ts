// The page's side of the export worker (export.worker.ts): one worker per export, ended when the
// file is back. Where there is no Worker (unit tests), the job runs the same export in the page.
import type { ExportProgress, ExportResult } from './export';
import type { ExportWorkerReply, ExportWorkerRequest } from './export-protocol';

export function exportInWorker(
	request: ExportWorkerRequest,
	onProgress?: (progress: ExportProgress) => void
): Promise<ExportResult<Blob>> {
	const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<ExportResult<Blob>>((resolve, reject) => {
		worker.onmessage = (event: MessageEvent<ExportWorkerReply>) => {
			const reply = event.data;
			if (reply.type === 'progress') return onProgress?.({ done: reply.done, total: reply.total });
			if (reply.type === 'done') return resolve(reply.result);
			const error = new Error(reply.message);
			error.name = reply.name;
			reject(error);
		};
		worker.onerror = (event) => {
			event.preventDefault();
			reject(new Error(`The export worker stopped: ${event.message || 'unknown error'}`));
		};
		worker.postMessage(request);
	}).finally(() => worker.terminate());
}
