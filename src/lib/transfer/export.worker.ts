// Runs an export off the page's main thread. Reading 100,000 judgments, building their records
// and writing them is seconds of work; here none of it can delay a frame of the page, which only
// moves a progress bar and receives the finished file (a Blob, passed by reference).
import { throttleProgress } from '$lib/core/progress-throttle';
import { ArenaDB } from '$lib/db/arena-db';
import { chunkBlob, runExport, type ExportShare } from './export';
import { followingShare, leadingShare } from './export-share';
import type { ExportWorkerReply, ExportWorkerRequest } from './export-protocol';

interface WorkerScope {
	onmessage: ((event: MessageEvent<ExportWorkerRequest>) => void) | null;
	postMessage(message: ExportWorkerReply): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: ExportWorkerReply) => scope.postMessage(message);

function shareFor({ share }: ExportWorkerRequest): ExportShare | undefined {
	if (!share) return undefined;
	if (share.part === 0) return leadingShare(share.ports);
	const [leader] = share.ports;
	return leader && followingShare(share.part, leader);
}

async function run(request: ExportWorkerRequest): Promise<ExportWorkerReply> {
	const db = new ArenaDB(request.database);
	try {
		const result = await runExport(db, {
			kind: request.kind,
			filter: request.filter,
			studyName: request.studyName,
			share: shareFor(request),
			seal: chunkBlob,
			// Nothing else runs in this worker: no need to give the event loop a turn.
			pause: () => Promise.resolve(),
			onProgress: throttleProgress(({ done, total }) => post({ type: 'progress', done, total }))
		});
		const file = new Blob(result.parts, { type: result.type });
		return { type: 'done', result: { ...result, parts: [file] } };
	} catch (error) {
		const { name, message } = error instanceof Error ? error : new Error(String(error));
		return { type: 'failed', name, message };
	} finally {
		db.close();
	}
}

scope.onmessage = (event) => void run(event.data).then(post);
