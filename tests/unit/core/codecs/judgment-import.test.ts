import { describe, expect, it } from 'vitest';
import { buildJudgmentRecord, type JudgmentRecord } from '$lib/core/codecs/judgment-record';
import { judgmentImportPlan, PLACEHOLDER_BASE_URL } from '$lib/core/codecs/judgment-import';
import { syntheticWorld, worldContexts } from '../analysis/synthetic';

const world = syntheticWorld({ judgments: 6, items: 2 });
const records = [...worldContexts(world)].map(buildJudgmentRecord);
const located = (list: JudgmentRecord[]) =>
	list.map((record, index) => ({ record, location: { file: 'r.jsonl', row: index + 1 } }));

describe('judgment import plan', () => {
	const { plan, issues } = judgmentImportPlan(located(records));

	it('restores judgments, trials, responses and items exactly', () => {
		expect(issues).toEqual([]);
		expect(plan.judgments.incoming.map((entry) => entry.row)).toEqual(world.judgments);
		const trials = new Map(world.trials.map((trial) => [trial.id, trial]));
		for (const { row } of plan.trials.incoming) expect(row).toEqual(trials.get(row.id));
		const responses = new Map(world.responses.map((response) => [response.id, response]));
		for (const { row } of plan.responses.incoming) expect(row).toEqual(responses.get(row.id));
		expect(plan.promptItems.incoming.map((entry) => entry.row)).toEqual(world.items);
	});

	it('makes keyless stub endpoints and a stub study from the summaries, once each', () => {
		expect(plan.endpoints.incoming.map((entry) => entry.row)).toEqual(
			world.endpoints.map((endpoint) =>
				expect.objectContaining({
					id: endpoint.id,
					label: endpoint.label,
					role: endpoint.role,
					model: endpoint.model,
					baseURL: PLACEHOLDER_BASE_URL,
					headers: {}
				})
			)
		);
		expect(plan.studies.incoming).toHaveLength(1);
		expect(plan.studies.incoming[0]?.row).toMatchObject({
			id: world.study.id,
			name: world.study.name,
			baselineEndpointId: 'ep-base',
			itemIds: ['item-0', 'item-1']
		});
	});

	it('compares a stored study only on the fields the file carries', () => {
		const project = plan.studies.project;
		expect(project(world.study)).toEqual(plan.studies.incoming[0]?.compare);
		expect(project({ ...world.study, instructions: 'changed later' })).toEqual(
			plan.studies.incoming[0]?.compare
		);
	});

	it('reports one response carried with two different contents, naming both rows', () => {
		const tampered = JSON.parse(JSON.stringify(records)) as JudgmentRecord[];
		const again = tampered.find(
			(record, index) => index > 0 && record.item.id === tampered[0]?.item.id
		);
		if (!again) throw new Error('fixture needs two records of one item');
		again.left.response.transcript[1] = { role: 'assistant', content: 'edited' };
		const { issues: found } = judgmentImportPlan(located(tampered));
		expect(found).toHaveLength(1);
		expect(found[0]?.message).toMatch(
			/responses row ".*" differs from the one on row \d+ \(transcript\)/
		);
	});
});

describe('model judge verdicts in an export', () => {
	it('stay model verdicts, with their judge and both readings, through export and import', () => {
		const context = worldContexts(world).next().value;
		if (!context) throw new Error('no context');
		const judgeOrders = {
			shown: { overall: 'left-better' as const, traitChoices: {} },
			swapped: { overall: 'right-better' as const, traitChoices: {} },
			consistent: false
		};
		const record = buildJudgmentRecord({
			...context,
			judgment: { ...context.judgment, raterKind: 'model', judgeId: 'ep-judge', judgeOrders }
		});
		expect(record).toMatchObject({ raterKind: 'model', judgeId: 'ep-judge', judgeOrders });
		const { plan } = judgmentImportPlan(located([record]));
		expect(plan.judgments.incoming[0]?.row).toMatchObject({
			raterKind: 'model',
			judgeId: 'ep-judge',
			judgeOrders
		});
		// A human verdict carries no kind, as before.
		expect(buildJudgmentRecord(context)).not.toHaveProperty('raterKind');
	});
});
