import { describe, expect, it } from 'vitest';
import {
	BattlesWriter,
	markdownCounts,
	recordsToBattles,
	toBattle,
	type Battle
} from '$lib/core/codecs/fastchat';
import { buildJudgmentRecord, type JudgmentRecord } from '$lib/core/codecs/judgment-record';
import { syntheticWorld, worldContexts } from '../analysis/synthetic';
import { analyzeStudy } from '$lib/core/analysis/analyze';
import { fitBradleyTerry, type PairwiseComparison } from '$lib/core/stats/bradley-terry';

const records = [...worldContexts(syntheticWorld({ judgments: 80, items: 8 }))].map(
	buildJudgmentRecord
);

function withOverall(record: JudgmentRecord, overall: JudgmentRecord['overall']): JudgmentRecord {
	return { ...record, overall, trial: { ...record.trial, kind: 'main', leakFlagged: false } };
}

describe('FastChat battles', () => {
	const base = records[1] as JudgmentRecord;

	it('maps the verdict scale onto model_a / model_b / tie / tie (bothbad)', () => {
		const winner = (overall: JudgmentRecord['overall']) =>
			toBattle(withOverall(base, overall))?.winner;
		expect(winner('left-much-better')).toBe('model_a');
		expect(winner('left-better')).toBe('model_a');
		expect(winner('tie')).toBe('tie');
		expect(winner('right-better')).toBe('model_b');
		expect(winner('right-much-better')).toBe('model_b');
		expect(winner('both-bad')).toBeUndefined();
		expect(toBattle(withOverall(base, 'both-bad'), { includeBothBad: true })?.winner).toBe(
			'tie (bothbad)'
		);
		expect(winner(null)).toBeUndefined();
	});

	it('names the left endpoint model_a and keeps the arena fields', () => {
		const battle = toBattle(withOverall(base, 'left-better')) as Battle;
		expect(battle.model_a).toBe(base.left.endpoint.label);
		expect(battle.model_b).toBe(base.right.endpoint.label);
		expect(battle).toMatchObject({
			judge: base.raterId,
			question_id: base.item.id,
			anony: true,
			turn: base.item.turns.length
		});
		expect(battle.tstamp).toBe(Date.parse(base.createdAt) / 1000);
		expect(battle.conversation_a.every((m) => m.role === 'user' || m.role === 'assistant')).toBe(
			true
		);
	});

	it('leaves out attention checks and leak-flagged trials', () => {
		expect(
			toBattle({ ...base, trial: { ...base.trial, kind: 'attention', gold: 'left' } })
		).toBeUndefined();
		expect(toBattle({ ...base, trial: { ...base.trial, leakFlagged: true } })).toBeUndefined();
	});

	it('writes one JSON array, also when written in chunks or empty', () => {
		const all = JSON.parse(recordsToBattles(records)) as Battle[];
		expect(all.length).toBe(records.map((record) => toBattle(record)).filter(Boolean).length);
		const writer = new BattlesWriter();
		const chunked =
			writer.begin() +
			writer.write([]) +
			writer.write(records.slice(0, 30)) +
			writer.write(records.slice(30)) +
			writer.end();
		expect(JSON.parse(chunked)).toEqual(all);
		expect(JSON.parse(recordsToBattles([]))).toEqual([]);
	});

	it('counts markdown style for the arena style control', () => {
		expect(markdownCounts('# Title\n## Sub\n- a\n* b\n1. c\n**bold** and __also__')).toEqual({
			header: { h1: 1, h2: 1, h3: 0, h4: 0, h5: 0, h6: 0 },
			list: { ordered: 1, unordered: 2 },
			bold: { '**': 1, __: 1 }
		});
	});

	it('leaves out swap re-shows unless asked, as the analysis does', () => {
		const swap = {
			...base,
			overall: 'left-better' as const,
			trial: { ...base.trial, kind: 'swap' as const, swapOf: 't' }
		};
		expect(toBattle(swap)).toBeUndefined();
		expect(toBattle(swap, { includeSwaps: true })?.winner).toBe('model_a');
	});

	it("gives the app's Bradley–Terry ratings when fitted on the exported battles", () => {
		const world = [
			...worldContexts(syntheticWorld({ judgments: 400, items: 20, endpoints: 3 }))
		].map(buildJudgmentRecord);
		expect(world.some((record) => record.trial.kind === 'swap')).toBe(true);
		expect(world.some((record) => record.overall === 'both-bad')).toBe(true);
		const ratings = analyzeStudy(world, { resamples: 1 }).ratings;
		const battles = JSON.parse(recordsToBattles(world)) as Battle[];
		const idOf = new Map(world[0]?.study.endpoints.map((e) => [e.label, e.id]));
		const comparisons: PairwiseComparison[] = battles.map((battle) => ({
			itemId: battle.question_id,
			a: idOf.get(battle.model_a) ?? battle.model_a,
			b: idOf.get(battle.model_b) ?? battle.model_b,
			outcome: battle.winner === 'model_a' ? 'a' : battle.winner === 'model_b' ? 'b' : 'tie'
		}));
		const anchor = world[0]?.study.baselineEndpointId;
		const fit = fitBradleyTerry(comparisons, { anchor });
		expect(fit.players).toEqual(ratings?.fit.players);
		fit.elo.forEach((elo, index) =>
			expect(Math.abs(elo - (ratings?.fit.elo[index] ?? NaN))).toBeLessThan(1e-9)
		);
		// With swap re-shows and both-bad put back, FastChat would see other votes.
		const all = JSON.parse(
			recordsToBattles(world, { includeSwaps: true, includeBothBad: true })
		) as Battle[];
		expect(all.length).toBeGreaterThan(battles.length);
	});
});
