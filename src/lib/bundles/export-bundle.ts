// The researcher's side of a bundle: read the study, fix its bundle key (a random bundle id and
// secret, once, stored on the study so every later export gives the same ids and every rater file
// maps back), build the payload without keys, endpoints, roles or plan, seal and compress it. Before handing the file over, the sealed text is
// searched for every endpoint's label, model and base URL: a study name or an answer that names
// a model would undo the blinding, and the researcher should hear it before raters do.
import { buildBundlePayload, sealBundle } from '$lib/core/bundle/bundle';
import type { BundleKey, Endpoint } from '$lib/core/schema';
import { APP_VERSION } from '$lib/app/version';
import type { ArenaDB } from '$lib/db/arena-db';
import { getDb } from '$lib/db/db';
import { endpointsByIds, loadBundleSource } from '$lib/db/repos/bundles';
import { bundleFileName, gzipText, hmacPrf, randomHex, sha256Hex } from './bundle-file';
import { downloadFile } from '$lib/app/download';

export interface BundleExport {
	fileName: string;
	bytes: Uint8Array<ArrayBuffer>;
	trials: number;
	skippedTrials: number;
	items: number;
	responses: number;
	/** Identifying strings found in the bundle, e.g. `model name “gpt-4o”`. */
	leaks: string[];
}

/** A fresh key from Web Crypto: nothing in it follows from the study, its seed or its ids. */
export function newBundleKey(at: Date): BundleKey {
	return { bundleId: `b-${randomHex(12)}`, secret: randomHex(32), createdAt: at.toISOString() };
}

function identifiers(endpoint: Endpoint): [string, string][] {
	const found: [string, string][] = [
		['endpoint label', endpoint.label],
		['model name', endpoint.model],
		['base URL', endpoint.baseURL.replace(/\/+$/, '')]
	];
	try {
		const host = new URL(endpoint.baseURL).host;
		if (!['localhost', '127.0.0.1'].some((local) => host.startsWith(local)))
			found.push(['host', host]);
	} catch {
		// An endpoint's URL was validated on save; nothing more to search for.
	}
	return found;
}

/** Which of the endpoints' identifying strings the text contains (case-insensitive). */
export function findLeaks(text: string, endpoints: readonly Endpoint[]): string[] {
	const lower = text.toLowerCase();
	const leaks = new Set<string>();
	for (const endpoint of endpoints) {
		for (const [what, value] of identifiers(endpoint)) {
			if (value.trim().length >= 3 && lower.includes(value.trim().toLowerCase()))
				leaks.add(`${what} “${value.trim()}”`);
		}
	}
	return [...leaks];
}

export async function exportStudyBundle(
	db: ArenaDB,
	studyId: string,
	options: { now?: () => Date; newKey?: (at: Date) => BundleKey } = {}
): Promise<BundleExport> {
	const now = options.now?.() ?? new Date();
	const { source, key } = await loadBundleSource(db, studyId, () =>
		(options.newKey ?? newBundleKey)(now)
	);
	const built = await buildBundlePayload(source, key, await hmacPrf(key.secret));
	if (built.payload.trials.length === 0)
		throw new Error(
			'No trial of this study has both responses finished yet: generate responses first.'
		);
	const exportedAt = now.toISOString();
	const text = await sealBundle(built.payload, { app: APP_VERSION, exportedAt }, sha256Hex);
	const endpoints = await endpointsByIds(db, source.study.endpointIds);
	return {
		fileName: bundleFileName(source.study.name),
		bytes: await gzipText(text),
		trials: built.payload.trials.length,
		skippedTrials: built.skippedTrials,
		items: built.payload.items.length,
		responses: built.payload.trials.length * 2,
		leaks: findLeaks(text, endpoints)
	};
}

/** The panel's one action: export the study as a bundle and hand the file to the browser. */
export async function downloadStudyBundle(studyId: string): Promise<BundleExport> {
	const file = await exportStudyBundle(getDb(), studyId);
	downloadFile(file.fileName, file.bytes, 'application/gzip');
	return file;
}
