// The export form speaks in calendar days; the database in ISO instants. Plain module (not
// runes): a Date here is a value computed once, not state.
import type { ExportFilter } from '$lib/db/repos/transfer';

export interface ExportRequest {
	studyId?: string;
	studyName?: string;
	raterId?: string;
	/** yyyy-mm-dd, inclusive, in the user's time zone. */
	fromDate?: string;
	/** yyyy-mm-dd, inclusive, in the user's time zone. */
	toDate?: string;
}

/** A date picked in the user's zone → ISO bounds on createdAt ([from, next day of to)). */
export function filterOf(request: ExportRequest): ExportFilter {
	const day = (date: string, plusDays = 0) => {
		const [year = 0, month = 1, dayOfMonth = 1] = date.split('-').map(Number);
		return new Date(year, month - 1, dayOfMonth + plusDays).toISOString();
	};
	return {
		studyId: request.studyId || undefined,
		raterId: request.raterId || undefined,
		from: request.fromDate ? day(request.fromDate) : undefined,
		to: request.toDate ? day(request.toDate, 1) : undefined
	};
}
