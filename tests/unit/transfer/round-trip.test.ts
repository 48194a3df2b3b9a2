// Promise 4 (honest data): export → import into an empty database → export is byte-identical,
// for generated data with awkward text, and no export ever carries a key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import {
	JudgmentSchema,
	PromptItemSchema,
	ResponseSchema,
	StudySchema,
	EndpointSchema,
	type OverallChoice
} from '$lib/core/schema';
import { runExport, type ExportKind } from '$lib/transfer/export';
import { importChunks } from '$lib/transfer/import';
import type { ArenaDB } from '$lib/db/arena-db';
import { testDb } from '../db/test-db';
import { syntheticWorld, type World } from '../core/analysis/synthetic';
import { counts, PLANTED, seedWorld } from './seed';

const clock = fixedClock('2026-11-23T12:00:00.000Z');
const noPause = () => Promise.resolve();

async function exported(db: ArenaDB, kind: ExportKind, chunkSize = 4): Promise<string> {
	const result = await runExport(db, { kind, chunkSize, clock, pause: noPause, app: '0.1.0' });
	return result.parts.join('');
}

const awkward = fc.string({
	unit: fc.oneof(
		{ weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
		{
			weight: 1,
			arbitrary: fc.constantFrom('"', ',', '\n', '\r\n', '\\', '\u2028', '\ud800', '😀', '\t', '=')
		}
	),
	maxLength: 30
});
const label = awkward.map((text) => `L${text.trim()}`.slice(0, 100));
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const overall = fc.constantFrom<OverallChoice | null>(
	'left-much-better',
	'left-better',
	'tie',
	'right-better',
	'right-much-better',
	'both-bad',
	null
);

const variation = fc.record({
	judgments: fc.integer({ min: 1, max: 9 }),
	studyName: label,
	labels: fc.tuple(label, label),
	texts: fc.array(awkward, { minLength: 12, maxLength: 12 }),
	verdicts: fc.array(overall, { minLength: 9, maxLength: 9 }),
	decisionMs: fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), {
		minLength: 9,
		maxLength: 9
	}),
	system: optional(label),
	reasoning: optional(awkward),
	error: fc.boolean(),
	dropEndpoint: fc.boolean()
});

type Variation = typeof variation extends fc.Arbitrary<infer T> ? T : never;

function vary(v: Variation): World {
	const world = syntheticWorld({
		judgments: v.judgments,
		items: 2,
		seed: `rt-${v.judgments}`
	});
	const text = (index: number) => v.texts[index % v.texts.length] ?? '';
	world.study = StudySchema.parse({ ...world.study, name: v.studyName });
	world.endpoints = world.endpoints
		.map((endpoint, index) =>
			EndpointSchema.parse({ ...endpoint, label: v.labels[index] ?? endpoint.label })
		)
		.filter((endpoint) => !(v.dropEndpoint && endpoint.role === 'baseline'));
	world.items = world.items.map((item, index) =>
		PromptItemSchema.parse({
			...item,
			system: v.system,
			raterNote: text(index) || undefined,
			reference: text(index + 5) || undefined
		})
	);
	world.responses = world.responses.map((response, index) =>
		ResponseSchema.parse({
			...response,
			transcript: response.transcript.map((message, at) =>
				message.role === 'assistant'
					? { ...message, content: text(index + at), reasoning: v.reasoning }
					: message
			),
			error: v.error && index === 0 ? { kind: 'server', message: text(3), status: 500 } : undefined,
			usage: index % 2 ? undefined : response.usage
		})
	);
	world.judgments = world.judgments.map((judgment, index) => {
		const verdict = v.verdicts[index] ?? 'tie';
		const winner = verdict?.startsWith('left')
			? judgment.leftEndpointId
			: verdict?.startsWith('right')
				? judgment.rightEndpointId
				: null;
		return JudgmentSchema.parse({
			...judgment,
			overall: verdict,
			skipReason: verdict === null ? `skip ${text(index)}`.trim() : null,
			winnerEndpointId: winner,
			rationale: text(index + 2),
			decisionMs: v.decisionMs[index] ?? 0
		});
	});
	return world;
}

describe('export → import → export', () => {
	it('gives byte-identical JSONL and never exports a key', async () => {
		await fc.assert(
			fc.asyncProperty(variation, async (v) => {
				const world = vary(v);
				const source = testDb();
				await seedWorld(source, world);
				const first = await exported(source, 'jsonl');
				expect(first.trim().split('\n')).toHaveLength(world.judgments.length);
				for (const kind of ['jsonl', 'csv', 'backup', 'battles'] as const) {
					const text = kind === 'jsonl' ? first : await exported(source, kind);
					for (const secret of PLANTED) expect(text).not.toContain(secret);
				}

				const target = testDb();
				const report = await importChunks(target, [first], 'a.jsonl');
				expect(report.conflicts).toEqual([]);
				expect(await exported(target, 'jsonl', 3)).toBe(first);

				const before = await counts(target);
				const again = await importChunks(target, [first.slice(0, 7), first.slice(7)], 'a.jsonl');
				expect(again.tables.every((table) => table.new === 0 && table.conflict === 0)).toBe(true);
				expect(await counts(target)).toEqual(before);
				source.close();
				target.close();
			}),
			{ numRuns: 25 }
		);
	}, 120_000);

	it('restores a full backup into an empty database byte for byte, minus secrets', async () => {
		const world = syntheticWorld({ judgments: 40, items: 5, endpoints: 3 });
		const source = testDb();
		await seedWorld(source, world);
		const backup = await exported(source, 'backup', 7);
		const target = testDb();
		const report = await importChunks(target, backup.match(/[\s\S]{1,1000}/g) ?? [], 'b.jsonl');
		expect(report.kind).toBe('backup');
		expect(await exported(target, 'backup', 5)).toBe(backup);
		const restored = await counts(target);
		expect(restored).toMatchObject({ judgments: 40, endpoints: 3, keys: 0 });
		const endpoint = await target.endpoints.get('ep-base');
		expect(endpoint?.headers).toEqual({});
		expect(endpoint?.baseURL).toBe('https://llm.example/v1');
	});
});
