// The page's side of the analysis worker: one worker for the Results view while it is open,
// started on its first request. Where there are no workers (unit tests), the same API runs here.
import { wrap, type Remote } from 'comlink';
import type { AnalysisReply, AnalysisRequest, AnalysisWorkerApi } from './analysis-worker-api';

export class AnalysisWorker {
	#worker: Worker | undefined;
	#api: Remote<AnalysisWorkerApi> | AnalysisWorkerApi | undefined;
	/** Rejects if the worker's code fails to load (it would never answer otherwise). */
	#stopped: Promise<never> = new Promise(() => undefined);

	async analyse(request: AnalysisRequest): Promise<AnalysisReply> {
		this.#api ??= await this.#start();
		return Promise.race([this.#api.analyse(request), this.#stopped]);
	}

	dispose(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
		this.#api = undefined;
	}

	async #start(): Promise<Remote<AnalysisWorkerApi> | AnalysisWorkerApi> {
		if (typeof Worker === 'undefined')
			return (await import('./analysis-worker-api')).analysisWorkerApi;
		const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
		this.#worker = worker;
		this.#stopped = new Promise<never>((_, reject) =>
			worker.addEventListener('error', (event) => {
				event.preventDefault();
				this.dispose();
				reject(new Error(`The analysis worker stopped: ${event.message || 'unknown error'}`));
			})
		);
		this.#stopped.catch(() => undefined);
		return wrap<AnalysisWorkerApi>(worker);
	}
}
