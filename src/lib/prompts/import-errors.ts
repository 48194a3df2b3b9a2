// One sentence for the user from whatever an import step threw: located data errors keep their
// location, storage errors say what to do (and that nothing was written), anything else keeps
// its message.
import { DataError } from '$lib/core/errors';
import { formatImportIssue } from '$lib/core/codecs/import';
import { describeStorageError } from '$lib/db/db';

const STORAGE_ERROR = /^(Bulk|Constraint|Quota|Abort|Database|Open|Transaction|DataClone|Version)/;

export function describeImportError(error: unknown): string {
	if (error instanceof DataError) {
		const first = error.issues[0];
		return first ? formatImportIssue(first) : error.message;
	}
	const name = error instanceof Error ? error.name : '';
	const text = error instanceof Error ? error.message : String(error);
	if (name === 'BulkError' && text.includes('ConstraintError'))
		return 'Could not save to the browser database: an item id in this file already belongs to another prompt set. Nothing was imported.';
	if (STORAGE_ERROR.test(name) || /QuotaExceeded/.test(text))
		return `${describeStorageError(error)} Nothing was imported.`;
	return text;
}
