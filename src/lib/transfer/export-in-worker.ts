// The page's side of the export worker (export.worker.ts): one worker per export, ended when the
// file is back. Booting one (loading its code, opening the database) takes about a tenth of a
// second, which a user pressing Export does not notice.
import { proxy, wrap } from 'comlink';
import type { ExportProgress } from './export';
import type { ExportedFile, ExportWorkerApi, ExportWorkerRequest } from './export-worker-api';

export async function exportInWorker(
	request: ExportWorkerRequest,
	onProgress: (progress: ExportProgress) => void = () => undefined
): Promise<ExportedFile> {
	const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
	// A worker whose code fails to load never answers: its error event ends the export instead.
	const stopped = new Promise<never>((_, reject) => {
		worker.addEventListener('error', (event) => {
			event.preventDefault();
			reject(new Error(`The export worker stopped: ${event.message || 'unknown error'}`));
		});
	});
	try {
		const api = wrap<ExportWorkerApi>(worker);
		return await Promise.race([api.export(request, proxy(onProgress)), stopped]);
	} finally {
		worker.terminate();
	}
}
