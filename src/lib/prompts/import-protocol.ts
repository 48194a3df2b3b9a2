// Messages between the import job (page) and the import worker. Every request carries an id so
// a reply is matched to its request; progress is the only message without one.
import type {
	CommitRequest,
	ImportOutcome,
	ImportPreview,
	ImportProgress,
	RemapRequest
} from './import-engine';

export type WorkerRequest =
	| { id: number; type: 'load'; file: File; request: RemapRequest }
	| { id: number; type: 'remap'; request: RemapRequest }
	| { id: number; type: 'commit'; request: CommitRequest };

export type WorkerReply =
	| { type: 'progress'; progress: ImportProgress }
	| { id: number; type: 'preview'; preview: ImportPreview }
	| { id: number; type: 'committed'; outcome: ImportOutcome }
	| { id: number; type: 'failed'; message: string };
