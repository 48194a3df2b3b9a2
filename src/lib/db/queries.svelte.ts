// The read-only live queries views may use (the only db module a view imports). Each returns a
// rune; call it during component initialisation. Each area's repository is loaded on its first
// query, so the Arena, the first view, does not load the code (and schemas) of the others.
import { getDb } from './db';
import { live } from './live.svelte';
import { countItems } from './repos/item-pages';

/**
 * A repository loaded on first use. Inside a live query only Dexie's promises may be awaited
 * (Dexie makes the global Promise its own there, and a native one loses the query's zone), so the
 * import is wrapped in the global Promise.
 */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
	let loaded: Promise<T> | undefined;
	return () => Promise.resolve((loaded ??= load()));
}

/** In the order they were added: a card edited and saved stays where it was. */
export function endpointsQuery() {
	return live(async () =>
		(await getDb().endpoints.toArray()).sort(
			(a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
		)
	);
}

/** The study of the newest judgment on this device (what Results opens on), if any. */
export function lastJudgedStudyQuery() {
	return live(async () => (await getDb().judgments.orderBy('createdAt').last())?.studyId);
}

export function studiesQuery() {
	return live(() => getDb().studies.orderBy('createdAt').reverse().toArray());
}

export function promptSetsQuery() {
	return live(() => getDb().promptSets.orderBy('createdAt').toArray());
}

export function promptItemCountQuery() {
	return live(() => countItems(getDb()));
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

// Prompt library: a page of matching items with the total, and the filter choices.
import type { PromptFilter } from './repos/prompt-library';
const library = lazy(() => import('./repos/prompt-library'));

/** `filter` returns undefined while the library is not ready to be read (no query runs). */
export function promptSearchQuery(
	filter: () => PromptFilter | undefined,
	limit: number | (() => number) = 100
) {
	const max = typeof limit === 'number' ? () => limit : limit;
	return live(
		async () => {
			const current = filter();
			return current ? (await library()).searchPromptItems(getDb(), current, max()) : undefined;
		},
		() => JSON.stringify([filter(), max()])
	);
}

export function promptFacetsQuery() {
	return live(async () => (await library()).promptFacets(getDb()));
}

// Study bundles: the rater's opened bundles, and what a researcher's export would carry.
const bundles = lazy(() => import('./repos/bundles'));

export function bundleStudiesQuery() {
	return live(async () => (await bundles()).bundleStudiesOverview(getDb()));
}

export function bundleReadinessQuery(studyId: () => string) {
	return live(
		async () => (await bundles()).bundleReadiness(getDb(), studyId()),
		() => studyId()
	);
}

// Generation: how many responses a study has stored (index-only count, cheap to re-run).
const generation = lazy(() => import('./repos/generation'));

export function responseCountQuery(studyId: () => string | undefined) {
	return live(
		async () => {
			const id = studyId();
			return id ? (await generation()).countResponsesOfStudy(getDb(), id) : 0;
		},
		() => studyId()
	);
}

// Studies area: studies with their counts, and the live arena's scoreboard.
const studySetup = lazy(() => import('./repos/study-setup'));

export function studyOverviewsQuery() {
	return live(async () => (await studySetup()).studyOverviews(getDb()));
}

export function studyOverviewQuery(studyId: () => string | undefined) {
	return live(
		async () => {
			const id = studyId();
			return id ? (await studySetup()).studyOverview(getDb(), id) : undefined;
		},
		() => studyId()
	);
}

const liveRounds = lazy(() => import('./repos/live-rounds'));
const scoreboard = lazy(() => import('$lib/core/live/scoreboard'));

export function liveScoreQuery(studyId: () => string | undefined) {
	return live(
		async () => {
			const id = studyId();
			const [{ liveScoreData }, { liveScoreboard }] = await Promise.all([
				liveRounds(),
				scoreboard()
			]);
			const data = id ? await liveScoreData(getDb(), id) : undefined;
			if (!data) return undefined;
			return {
				rows: liveScoreboard(data.judgments, data.items, data.study.endpointIds),
				endpoints: data.study.endpointIds.map((endpointId) => ({
					id: endpointId,
					label: data.endpoints.find((e) => e.id === endpointId)?.label ?? 'Deleted endpoint'
				}))
			};
		},
		() => studyId()
	);
}

export function batchStatusQuery(studyId: () => string) {
	return live(
		async () => (await bundles()).batchStatus(getDb(), studyId()),
		() => studyId()
	);
}

// Export, merge and analysis: the raters who judged (for the export filter) and every
// export record of a study (the Results view analyses them; re-read whenever judgments change).

export function raterIdsQuery() {
	return live(async () => (await getDb().judgments.orderBy('raterId').uniqueKeys()).map(String));
}

/**
 * A new number whenever a study's judgments, responses or record change (in this tab or another):
 * the Results view's worker reads and analyses the study again then.
 */
export function studyVersionQuery(studyId: () => string | undefined) {
	let version = 0;
	return live(
		async () => {
			const id = studyId();
			if (!id) return undefined;
			const db = getDb();
			await db.studies.get(id);
			await db.judgments.where('studyId').equals(id).count();
			await db.responses.where('studyId').equals(id).count();
			return ++version;
		},
		() => studyId()
	);
}

const leakReport = lazy(() => import('./repos/leak-report'));

/** Per endpoint: leak terms in its system prompt, answers naming one, trials flagged and left out. */
export function leakReportQuery(studyId: () => string) {
	return live(
		async () => (await leakReport()).studyLeakReport(getDb(), studyId()),
		() => studyId()
	);
}
