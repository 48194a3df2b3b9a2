// Runs an export off the page's main thread. Reading 100,000 judgments, building their records
// and writing them is seconds of work; here none of it can delay a frame of the page, which only
// moves a progress bar and receives the finished file (a Blob, passed by reference). The page
// may start this worker before the user asks for an export ('open'): loading this code and
// opening the database then happen while the user is still choosing what to export.
import { throttleProgress } from '$lib/core/progress-throttle';
import { ArenaDB } from '$lib/db/arena-db';
import { chunkBlob, runExport, type ExportShare } from './export';
import { followingShare, leadingShare } from './export-share';
import type {
	ExportWorkerMessage,
	ExportWorkerReply,
	ExportWorkerRequest
} from './export-protocol';

interface WorkerScope {
	onmessage: ((event: MessageEvent<ExportWorkerMessage>) => void) | null;
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

/** The connection 'open' made, once it is open; a failed one is dropped (the export retries). */
let opened: Promise<ArenaDB | undefined> = Promise.resolve(undefined);

function open(database: string): void {
	const db = new ArenaDB(database);
	opened = db.open().then(
		() => db,
		() => undefined
	);
	void opened.then(() => post({ type: 'ready' }));
}

async function run(request: ExportWorkerRequest): Promise<ExportWorkerReply> {
	const warm = await opened;
	const db = warm?.name === request.database ? warm : new ArenaDB(request.database);
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

scope.onmessage = ({ data }) => {
	if (data.type === 'open') open(data.database);
	else void run(data.request).then(post);
};
