// Reads, parses, validates and writes an import off the page's main thread, so a 100,000-row
// file never freezes the UI. The worker opens its own connection to the same IndexedDB
// database; Dexie tells the page's live queries about the new rows (BroadcastChannel).
import { throttleProgress } from '$lib/core/progress-throttle';
import { getDb } from '$lib/db/db';
import { describeImportError } from './import-errors';
import { ImportEngine } from './import-engine';
import type { WorkerReply, WorkerRequest } from './import-protocol';

interface WorkerScope {
	onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
	postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: WorkerReply) => scope.postMessage(message);

const engine = new ImportEngine({
	db: getDb,
	onProgress: throttleProgress((progress) => post({ type: 'progress', progress }))
});

// Opened at start, not at the first request: the page starts this worker before a file is chosen.
void getDb()
	.open()
	.catch(() => undefined);

async function handle(message: WorkerRequest): Promise<WorkerReply> {
	switch (message.type) {
		case 'load':
			return {
				id: message.id,
				type: 'preview',
				preview: await engine.load(message.file, message.request)
			};
		case 'remap':
			return { id: message.id, type: 'preview', preview: await engine.remap(message.request) };
		case 'commit':
			return { id: message.id, type: 'committed', outcome: await engine.commit(message.request) };
	}
}

scope.onmessage = (event) => {
	const message = event.data;
	handle(message).then(post, (error: unknown) =>
		post({ id: message.id, type: 'failed', message: describeImportError(error) })
	);
};
