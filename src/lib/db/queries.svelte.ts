// The read-only live queries views may use (the only db module a view imports). Each returns a
// rune; call it during component initialisation.
import { getDb } from './db';
import { live } from './live.svelte';

export function endpointsQuery() {
	return live(() => getDb().endpoints.orderBy('updatedAt').toArray());
}

export function studiesQuery() {
	return live(() => getDb().studies.orderBy('createdAt').reverse().toArray());
}

export function promptSetsQuery() {
	return live(() => getDb().promptSets.orderBy('createdAt').toArray());
}

export function promptItemCountQuery() {
	return live(() => getDb().promptItems.count());
}

export function studyQuery(id: () => string | undefined) {
	return live(
		async () => {
			const studyId = id();
			return studyId ? getDb().studies.get(studyId) : undefined;
		},
		() => id()
	);
}

export function judgmentCountQuery(studyId: () => string | undefined) {
	return live(
		async () => {
			const id = studyId();
			return id ? getDb().judgments.where('studyId').equals(id).count() : 0;
		},
		() => studyId()
	);
}
