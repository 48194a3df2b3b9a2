import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
	BUNDLE_SCHEMA,
	BundleError,
	buildBundlePayload,
	openBundleText,
	opaqueMapFor,
	sealBundle
} from '$lib/core/bundle/bundle';
import { seededRandom } from '$lib/core/random/prng';
import { makeItem, makeResponse, makeStudy, makeTrial } from '../../factories';

const sha256 = async (text: string) => createHash('sha256').update(text).digest('hex');
const META = { app: '0.1.0', exportedAt: '2026-11-23T10:00:00.000Z' };

function source() {
	const study = makeStudy();
	const responses = [
		makeResponse({
			transcript: [
				{ role: 'system', content: 'You are ZebraLM by Zebra Corp.' },
				{ role: 'user', content: 'Q' },
				{ role: 'assistant', content: 'A baseline' }
			],
			params: { model: 'zebra-7b-secret', system: 'You are ZebraLM by Zebra Corp.' },
			systemFingerprint: 'fp_zebra'
		}),
		makeResponse({
			id: 'study-1:item-1:ep-trained',
			endpointId: 'ep-trained',
			params: { model: 'zebra-7b-trained' }
		}),
		makeResponse({
			id: 'study-1:item-2:ep-trained',
			itemId: 'item-2',
			endpointId: 'ep-trained',
			status: 'error'
		})
	];
	const trials = [
		makeTrial(),
		makeTrial({
			id: 'trial-2',
			itemId: 'item-2',
			leftResponseId: 'study-1:item-2:ep-trained',
			rightResponseId: 'study-1:item-2:ep-baseline',
			position: 1
		})
	];
	return {
		study,
		items: [makeItem(), makeItem({ id: 'item-2', turns: ['Other'] })],
		responses,
		trials
	};
}

async function sealed() {
	const input = source();
	const map = opaqueMapFor(input.study, seededRandom(1));
	const built = buildBundlePayload(input, map);
	return { built, text: await sealBundle(built.payload, META, sha256) };
}

describe('study bundle', () => {
	it('carries no model name, endpoint id, fingerprint or endpoint system prompt', async () => {
		const { built, text } = await sealed();
		for (const secret of ['zebra', 'Zebra', 'ep-baseline', 'ep-trained', 'fp_']) {
			expect(text).not.toContain(secret);
		}
		expect(built.payload.study.kind).toBe('bundle');
		expect(built.payload.study.revealPolicy).toBe('never');
		expect(built.payload.study.bundleMap).toBeUndefined();
	});

	it('leaves out trials whose responses are not finished, and their items', async () => {
		const { built } = await sealed();
		expect(built.skippedTrials).toBe(1);
		expect(built.payload.trials.map((trial) => trial.id)).toEqual(['trial-1']);
		expect(built.payload.items.map((item) => item.id)).toEqual(['item-1']);
	});

	it('maps back: each opaque id stands for exactly one real endpoint, stable across exports', () => {
		const { study } = source();
		const map = opaqueMapFor(study, seededRandom(1));
		expect(Object.values(map).sort()).toEqual(['ep-baseline', 'ep-trained']);
		expect(opaqueMapFor({ ...study, bundleMap: map }, seededRandom(99))).toEqual(map);
	});

	it('opens what it sealed', async () => {
		const { built, text } = await sealed();
		expect(await openBundleText(text, sha256)).toEqual(built.payload);
	});

	it('refuses an edited file, naming the checksum', async () => {
		const { text } = await sealed();
		const edited = text.replace('"Q"', '"R"');
		await expect(openBundleText(edited, sha256, 'study.bundle')).rejects.toThrow(/checksum/);
	});

	it('refuses a truncated file', async () => {
		const { text } = await sealed();
		const error = await openBundleText(text.slice(0, text.length / 2), sha256).catch((e) => e);
		expect(error).toBeInstanceOf(BundleError);
		expect(error.kind).toBe('truncated');
	});

	it('refuses a newer schema, saying to update the app', async () => {
		const { text } = await sealed();
		const newer = text.replace(`"schema":${BUNDLE_SCHEMA}`, `"schema":${BUNDLE_SCHEMA + 1}`);
		await expect(openBundleText(newer, sha256)).rejects.toThrow(
			/newer Trait Arena.*Update the app/
		);
	});

	it('refuses a file that is not a bundle', async () => {
		await expect(openBundleText('{"format":"other"}', sha256, 'x.json')).rejects.toThrow(
			/x.json is not a Trait Arena study bundle/
		);
	});
});
