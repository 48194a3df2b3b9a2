// The researcher's side of a bundle: read the study, fix its opaque map (once, stored on the study
// so every later export and every rater file maps back the same way), build the payload without
// keys or model names, seal and compress it. Before handing the file over, the sealed text is
// searched for every endpoint's label, model and base URL: a study name or an answer that names
// a model would undo the blinding, and the researcher should hear it before raters do.
import { buildBundlePayload, opaqueMapFor, sealBundle } from '$lib/core/bundle/bundle';
import type { Endpoint } from '$lib/core/schema';
import type { Random } from '$lib/core/random/prng';
import { APP_VERSION } from '$lib/app/version';
import type { ArenaDB } from '$lib/db/arena-db';
import { getDb } from '$lib/db/db';
import { endpointsByIds, loadBundleSource } from '$lib/db/repos/bundles';
import { bundleFileName, gzipText, sha256Hex } from './bundle-file';
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

/** Random from Web Crypto: opaque ids must not be guessable from the study seed. */
export const cryptoRandom: Random = () =>
	(crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 2 ** 32;

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
	options: { random?: Random; now?: () => Date } = {}
): Promise<BundleExport> {
	const random = options.random ?? cryptoRandom;
	const { source, map } = await loadBundleSource(db, studyId, (study) =>
		opaqueMapFor(study, random)
	);
	const built = buildBundlePayload(source, map);
	if (built.payload.trials.length === 0)
		throw new Error(
			'No trial of this study has both responses finished yet: generate responses first.'
		);
	const exportedAt = (options.now?.() ?? new Date()).toISOString();
	const text = await sealBundle(built.payload, { app: APP_VERSION, exportedAt }, sha256Hex);
	const endpoints = await endpointsByIds(db, source.study.endpointIds);
	return {
		fileName: bundleFileName(source.study.name),
		bytes: await gzipText(text),
		trials: built.payload.trials.length,
		skippedTrials: built.skippedTrials,
		items: built.payload.items.length,
		responses: built.payload.responses.length,
		leaks: findLeaks(text, endpoints)
	};
}

/** The panel's one action: export the study as a bundle and hand the file to the browser. */
export async function downloadStudyBundle(studyId: string): Promise<BundleExport> {
	const file = await exportStudyBundle(getDb(), studyId);
	downloadFile(file.fileName, file.bytes, 'application/gzip');
	return file;
}
