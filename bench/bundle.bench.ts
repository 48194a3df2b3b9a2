// A large study bundle, end to end with the real code: 10,000 items × 2 responses of 500 words,
// built, sealed and gzipped as the researcher's export does, then opened as a rater's browser does
// (gunzip + CRC, canonical checksum, JSON parse, schema validation of every record). Node ≥ 20 has
// the same CompressionStream and crypto.subtle as the browser.
import { buildBundlePayload, type BundleSource } from '$lib/core/bundle/bundle';
import { promptContentHash } from '$lib/core/content-hash';
import { seededRandom } from '$lib/core/random/prng';
import type { PromptItem, Response, Study, Trial } from '$lib/core/schema';
import { hmacPrf, packBundle, readBundleBytes } from '$lib/bundles/bundle-file';

const ITEMS = 10_000;
const WORDS = 500;
const T0 = '2026-11-23T10:00:00.000Z';
const ENDPOINTS = ['ep-baseline', 'ep-trained'];
const VOCABULARY =
	'the evidence suggests that careful answers weigh uncertainty honestly and refer to a specialist when the stakes are high while simple facts deserve a plain statement'.split(
		' '
	);

function answer(random: () => number): string {
	const words: string[] = [];
	for (let index = 0; index < WORDS; index++)
		words.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? 'word');
	return words.join(' ');
}

function source(): BundleSource {
	const random = seededRandom('bundle-bench');
	const items: PromptItem[] = [];
	const responses: Response[] = [];
	const trials: Trial[] = [];
	for (let index = 0; index < ITEMS; index++) {
		const id = `item-${index}`;
		const turns = [`Question number ${index}: is this claim about topic ${index % 97} true?`];
		items.push({
			id,
			setId: 'set-bench',
			turns,
			traits: ['truthfulness'],
			domain: 'science',
			tags: [],
			source: { dataset: 'bench', row: index + 1 },
			contentHash: promptContentHash({ turns }),
			createdAt: T0
		});
		for (const endpointId of ENDPOINTS) {
			responses.push({
				id: `study-bench:${id}:${endpointId}`,
				studyId: 'study-bench',
				itemId: id,
				endpointId,
				status: 'done',
				transcript: [
					{ role: 'user', content: turns[0] ?? '' },
					{ role: 'assistant', content: answer(random) }
				],
				finishReason: 'stop',
				params: { model: endpointId === 'ep-baseline' ? 'base-model' : 'trained-model' },
				attempts: 1,
				createdAt: T0,
				updatedAt: T0
			});
		}
		const left = random() < 0.5 ? 0 : 1;
		trials.push({
			id: `trial-${index}`,
			studyId: 'study-bench',
			itemId: id,
			leftResponseId: `study-bench:${id}:${ENDPOINTS[left]}`,
			rightResponseId: `study-bench:${id}:${ENDPOINTS[1 - left]}`,
			leftEndpointId: ENDPOINTS[left] ?? '',
			rightEndpointId: ENDPOINTS[1 - left] ?? '',
			kind: 'main',
			repeat: 0,
			position: index,
			leakFlagged: false
		});
	}
	const study: Study = {
		id: 'study-bench',
		name: 'Bench',
		endpointIds: ENDPOINTS,
		baselineEndpointId: 'ep-baseline',
		pairing: 'each-vs-baseline',
		itemIds: items.map((item) => item.id),
		repeats: 1,
		seed: 1,
		rubric: { traitQuestions: 'item', traits: [], flags: [], rationale: 'optional' },
		instructions: '',
		revealPolicy: 'never',
		quality: { attentionShare: 0, swapShare: 0, leakTerms: [] },
		kind: 'study',
		createdAt: T0
	};
	return { study, items, responses, trials };
}

const input = source();
const exportStart = performance.now();
const key = { bundleId: 'b-bench', secret: 'ab'.repeat(32), createdAt: T0 };
const built = await buildBundlePayload(input, key, await hmacPrf(key.secret));
const bytes = await packBundle(built.payload, { app: 'bench', exportedAt: T0 });
const exportSeconds = (performance.now() - exportStart) / 1000;

(globalThis as { gc?: () => void }).gc?.();
const openStart = performance.now();
const opened = await readBundleBytes(bytes, 'bench.traitarena-bundle.gz');
const openSeconds = (performance.now() - openStart) / 1000;
if (opened.trials.length !== ITEMS || opened.responses.length !== ITEMS * 2)
	throw new Error('The opened bundle lost records');

console.log(`BENCH bundle_size_mb ${(bytes.length / 1024 / 1024).toFixed(2)} MB`);
console.log(`BENCH bundle_export_10k_s ${exportSeconds.toFixed(2)} s`);
console.log(`BENCH bundle_open_10k_s ${openSeconds.toFixed(2)} s`);
