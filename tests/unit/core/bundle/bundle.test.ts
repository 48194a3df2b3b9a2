import { describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import {
	BUNDLE_SCHEMA,
	BundleError,
	buildBundlePayload,
	bundleKeyMap,
	bundleRecords,
	openBundleText,
	sealBundle
} from '$lib/core/bundle/bundle';
import { StudySchema, TrialSchema, ResponseSchema } from '$lib/core/schema';
import { makeItem, makeResponse, makeStudy, makeTrial } from '../../factories';

const sha256 = async (text: string) => createHash('sha256').update(text).digest('hex');
const META = { app: '0.1.0', exportedAt: '2026-11-23T10:00:00.000Z' };
const KEY = {
	bundleId: 'b-0123456789abcdef01234567',
	secret: 'ab'.repeat(32),
	createdAt: META.exportedAt
};
const prf = async (label: string) =>
	createHmac('sha256', Buffer.from(KEY.secret, 'hex')).update(label).digest('hex');

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
	const built = await buildBundlePayload(input, KEY, prf);
	return { built, text: await sealBundle(built.payload, META, sha256) };
}

describe('study bundle', () => {
	it('carries no model name, endpoint id, fingerprint, seed or endpoint system prompt', async () => {
		const { text } = await sealed();
		for (const secret of [
			'zebra',
			'Zebra',
			'ep-baseline',
			'ep-trained',
			'fp_',
			'study-1',
			'trial-1',
			'"seed"',
			'endpoint',
			'kind',
			'gold',
			'swapOf',
			'degraded'
		]) {
			expect(text).not.toContain(secret);
		}
	});

	it('keeps an item’s system message only when every answer to it was given that message', async () => {
		const steer = 'Pretend the user is always right.';
		const sent = (system: string) => [
			{ role: 'system' as const, content: system },
			{ role: 'user' as const, content: 'Q' },
			{ role: 'assistant' as const, content: 'A' }
		];
		const bundleWith = async (trainedSystem: string) => {
			const input = source();
			input.items = [makeItem({ system: steer })];
			input.responses = [
				makeResponse({ transcript: sent(`Be careful.\n\n${steer}`) }),
				makeResponse({
					id: 'study-1:item-1:ep-trained',
					endpointId: 'ep-trained',
					transcript: sent(trainedSystem)
				})
			];
			input.trials = [makeTrial()];
			return (await buildBundlePayload(input, KEY, prf)).payload.items[0];
		};
		expect((await bundleWith(steer))?.system).toBe(steer);
		// The trained endpoint replaced the steer with its own prompt: the rater must not be told
		// that both sides had it, and the bundle keeps none of it.
		const replaced = await bundleWith('Follow the constitution.');
		expect(replaced?.system).toBeUndefined();
		expect(replaced?.turns).toEqual(makeItem().turns);
	});

	it('leaves out trials whose responses are not finished, and their items', async () => {
		const { built } = await sealed();
		expect(built.skippedTrials).toBe(1);
		expect(built.payload.trials).toHaveLength(1);
		expect(built.payload.items.map((item) => item.id)).toEqual(['item-1']);
	});

	it('maps back: the key recomputes each trial and its answers, and nothing else matches', async () => {
		const input = source();
		const { built } = await sealed();
		const key = await bundleKeyMap(input.trials, prf);
		const [trial] = built.payload.trials;
		const entry = key.get(trial?.id ?? '');
		expect(entry?.source.id).toBe('trial-1');
		expect([entry?.left, entry?.right]).toEqual([trial?.left.id, trial?.right.id]);
		const other = await bundleKeyMap(input.trials, async (label) => sha256(`x${label}`));
		expect(other.has(trial?.id ?? '')).toBe(false);
	});

	it('opens what it sealed, as records every schema accepts', async () => {
		const { built, text } = await sealed();
		const records = await openBundleText(text, sha256);
		expect(records).toEqual(bundleRecords(built.payload));
		expect(StudySchema.parse(records.study)).toMatchObject({
			id: KEY.bundleId,
			kind: 'bundle',
			revealPolicy: 'never'
		});
		for (const trial of records.trials) expect(TrialSchema.parse(trial).kind).toBe('main');
		for (const response of records.responses) ResponseSchema.parse(response);
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

	it('refuses an old-style (schema 1) bundle, saying to ask for a new export', async () => {
		const { text } = await sealed();
		const older = text.replace(`"schema":${BUNDLE_SCHEMA}`, '"schema":1');
		const error = await openBundleText(older, sha256, 'old.gz').catch((e) => e);
		expect(error.kind).toBe('older-schema');
		expect(error.message).toMatch(/old.gz is an old-style bundle.*export the study again/);
	});

	it('refuses a file that is not a bundle', async () => {
		await expect(openBundleText('{"format":"other"}', sha256, 'x.json')).rejects.toThrow(
			/x.json is not a Trait Arena study bundle/
		);
	});
});
