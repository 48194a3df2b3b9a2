// Recorded requests are how tests see what the app really sent (fields, headers, aborts) without
// intercepting anything in the app. A record is pushed when the request arrives and updated when
// its response closes, because "did the client hang up first?" is only known at the end.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactHeaders } from './http';

export interface RecordedRequest {
	/** Same value as the `x-request-id` response header. */
	id: string;
	/** ISO time the request arrived. */
	at: string;
	method: string;
	/** Path as requested, including a `/nocors` prefix. */
	path: string;
	/** Request headers; Authorization and other secrets become `Bearer ***` / `***`. */
	headers: Record<string, string>;
	/** Parsed JSON body, or null when there was none or it was not JSON. */
	body: unknown;
	/** HTTP status sent, or null while nothing has been sent (a hanging non-stream request). */
	status: number | null;
	/** The response was sent completely. */
	completed: boolean;
	/** The client closed the connection before the response was complete. */
	aborted: boolean;
	/** The server cut the connection on purpose (the `drop` faults); never counted as an abort. */
	dropped: boolean;
}

export function startRecord(
	req: IncomingMessage,
	res: ServerResponse,
	id: string,
	body: unknown,
	isShuttingDown: () => boolean
): RecordedRequest {
	const record: RecordedRequest = {
		id,
		at: new Date().toISOString(),
		method: req.method ?? 'GET',
		path: req.url ?? '/',
		headers: redactHeaders(req.headers),
		body,
		status: null,
		completed: false,
		aborted: false,
		dropped: false
	};
	res.on('close', () => {
		if (res.headersSent) record.status = res.statusCode;
		record.completed = res.writableFinished;
		if (!res.writableFinished && !record.dropped && !isShuttingDown()) record.aborted = true;
	});
	return record;
}
