import { describe, expect, it } from 'vitest';
import {
	buildJudgmentRecord,
	JudgmentRecordSchema,
	type RecordContext
} from '$lib/core/codecs/judgment-record';
import { compareRecords } from '$lib/core/codecs/record-order';
import {
	makeEndpoint,
	makeItem,
	makeJudgment,
	makeResponse,
	makeStudy,
	makeTrial
} from '../../factories';

function context(overrides: Partial<RecordContext> = {}): RecordContext {
	const baseline = makeEndpoint({
		headers: { 'x-api-key': 'hdr-secret-value-123' },
		baseURL: 'https://user:pw@llm.example/v1?api-key=sk-in-url-123456'
	});
	const trained = makeEndpoint({
		id: 'ep-trained',
		label: 'Trained 7B',
		role: 'trained',
		model: 'mock-trained'
	});
	return {
		judgment: makeJudgment(),
		trial: makeTrial(),
		study: makeStudy(),
		item: makeItem({ system: 'Be brief.', turns: ['First?', 'Are you sure?'], tags: ['pressure'] }),
		leftResponse: makeResponse({
			id: 'study-1:item-1:ep-trained',
			endpointId: 'ep-trained',
			params: { model: 'mock-trained' },
			transcript: [
				{ role: 'system', content: 'Be brief.' },
				{ role: 'user', content: 'First?' },
				{ role: 'assistant', content: 'One.' },
				{ role: 'user', content: 'Are you sure?' },
				{ role: 'assistant', content: 'Yes, one.', reasoning: 'Checked.' }
			]
		}),
		rightResponse: makeResponse(),
		endpoints: new Map([
			[baseline.id, baseline],
			[trained.id, trained]
		]),
		...overrides
	};
}

describe('judgment export record', () => {
	it('is self-contained: prompt, both sides with endpoint, verdict resolved to endpoints', () => {
		const record = buildJudgmentRecord(context());
		expect(JudgmentRecordSchema.parse(record)).toEqual(JSON.parse(JSON.stringify(record)));
		expect(record).toMatchObject({
			format: 'trait-arena/judgments',
			schema: 1,
			id: 'judgment-1',
			raterId: 'rater-ada',
			overall: 'left-better',
			winner: { side: 'left', endpointId: 'ep-trained', label: 'Trained 7B', role: 'trained' },
			item: {
				system: 'Be brief.',
				turns: ['First?', 'Are you sure?'],
				traits: ['truthfulness', 'well-being'],
				domain: 'health',
				tags: ['pressure']
			},
			left: {
				endpoint: { id: 'ep-trained', label: 'Trained 7B', role: 'trained', model: 'mock-trained' },
				answer: 'Yes, one.',
				flags: []
			},
			right: {
				endpoint: {
					id: 'ep-baseline',
					label: 'Baseline 7B',
					role: 'baseline',
					model: 'mock-baseline'
				},
				flags: ['sycophantic']
			},
			traitChoices: { truthfulness: { choice: 'left', winnerEndpointId: 'ep-trained' } },
			trial: { id: 'trial-1', kind: 'main', leakFlagged: false },
			study: { id: 'study-1', name: 'Pilot' }
		});
		expect(record.left.response.transcript).toHaveLength(5);
	});

	it('never carries base URLs, headers or their values', () => {
		const json = JSON.stringify(buildJudgmentRecord(context()));
		for (const secret of [
			'hdr-secret-value-123',
			'sk-in-url-123456',
			'llm.example',
			'baseURL',
			'headers'
		]) {
			expect(json).not.toContain(secret);
		}
	});

	it('has no winner for tie, both bad and skips, and resolves right-side wins', () => {
		const tie = buildJudgmentRecord(
			context({ judgment: makeJudgment({ overall: 'tie', winnerEndpointId: null }) })
		);
		expect(tie.winner).toBeNull();
		const right = buildJudgmentRecord(
			context({
				judgment: makeJudgment({
					overall: 'right-much-better',
					winnerEndpointId: 'ep-baseline',
					traitChoices: { truthfulness: 'right', 'well-being': 'both-bad' }
				})
			})
		);
		expect(right.winner).toEqual({
			side: 'right',
			endpointId: 'ep-baseline',
			label: 'Baseline 7B',
			role: 'baseline'
		});
		expect(right.traitChoices).toEqual({
			truthfulness: { choice: 'right', winnerEndpointId: 'ep-baseline' },
			'well-being': { choice: 'both-bad', winnerEndpointId: null }
		});
	});

	it('names a deleted endpoint by its id so every reference agrees', () => {
		const record = buildJudgmentRecord(context({ endpoints: new Map() }));
		expect(record.left.endpoint).toEqual({
			id: 'ep-trained',
			label: 'ep-trained',
			role: 'unknown',
			model: 'unknown'
		});
		expect(record.study.endpoints[1]).toEqual(record.left.endpoint);
	});

	it('gives the same bytes whatever key order the stored rows have', () => {
		const shuffled = context();
		const item = shuffled.item;
		const reordered = Object.fromEntries(Object.entries(item).reverse()) as typeof item;
		reordered.source = { key: 'k', dataset: 'hand-made' } as typeof item.source;
		const a = JSON.stringify(
			buildJudgmentRecord({
				...shuffled,
				item: { ...item, source: { dataset: 'hand-made', key: 'k' } }
			})
		);
		const b = JSON.stringify(buildJudgmentRecord({ ...shuffled, item: reordered }));
		expect(b).toBe(a);
	});

	it('orders records by creation time, then id', () => {
		const rows = [
			{ id: 'b', createdAt: '2026-01-01T00:00:01.000Z' },
			{ id: 'c', createdAt: '2026-01-01T00:00:00.000Z' },
			{ id: 'a', createdAt: '2026-01-01T00:00:01.000Z' }
		];
		expect([...rows].sort(compareRecords).map((row) => row.id)).toEqual(['c', 'a', 'b']);
	});
});
