// The order of every export and of the database's `createdAt` index, apart from the record codec so
// that the database's upgrade code can sort without loading the schema library.

/** Records sort by creation time, then id: the order of the `createdAt` index in the database. */
export function compareRecords(
	a: { createdAt: string; id: string },
	b: { createdAt: string; id: string }
): number {
	if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
