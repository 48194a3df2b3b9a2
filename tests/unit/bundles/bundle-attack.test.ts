// An attacker with a rater's device — the bundle file and every table after judging — tries to
// tell, for each trial, which side the baseline wrote and which trials are quality checks. What
// the rater sees on screen is outside the attack, because a file cannot hide it: the answers (a
// degraded answer reads worse, and the fixture makes the others carry no hint of their author)
// and repetition (a check shows a question the rater has met before, so "prompts that come more
// than once" or "answers that come twice" single out the items that carry checks, in the file as
// on screen). Everything else is fair game: field names and values, the seed and every number
// found (replaying the app's own planner with them), id patterns, lexical order, lengths, record
// order, timestamps, answer records shared between trials. Each strategy must do no better than
// chance, with a 4-sigma bound (two-sided p < 1e-4 per strategy, so the twenty strategies together
// fail by accident < 0.2% of the time; the keys are seeded, so the outcome is fixed). The same
// attacker, given a device holding the plan (what the old bundle format carried), recovers
// everything: it has teeth.
import { describe, expect, it } from 'vitest';
import { planTrials } from '$lib/core/plan/plan-trials';
import { raterOrder } from '$lib/core/plan/rater-order';
import type { PromptItem, Response, Study, Trial } from '$lib/core/schema';
import { ITEMS, leakyDevice, raterDevice, type RaterDevice } from './attack-fixture';

type RoleGuess = Map<string, boolean>;
type CheckScore = Map<string, number>;

interface View {
	study: Study;
	trials: Trial[];
	responses: Map<string, Response>;
	/** Trial ids in the order the bundle file lists them. */
	fileOrder: string[];
	/** Every integer anywhere in the bundle file or the stored study: candidate seeds. */
	integers: number[];
	device: RaterDevice;
}

function view(device: RaterDevice): View {
	const [study] = device.tables.studies as Study[];
	if (!study) throw new Error('no study on the device');
	const file = JSON.parse(device.bundleText) as {
		payload?: { trials?: { id: string }[] };
		trials?: { id: string }[];
	};
	const integers = new Set<number>([study.seed]);
	device.bundleText.replace(/-?\d+/g, (digits) => {
		const value = Number(digits);
		if (Number.isSafeInteger(value) && value >= 0 && value <= 0xffff_ffff) integers.add(value);
		return digits;
	});
	return {
		study,
		trials: device.tables.trials as Trial[],
		responses: new Map((device.tables.responses as Response[]).map((r) => [r.id, r])),
		fileOrder: (file.payload?.trials ?? file.trials ?? []).map((trial) => trial.id),
		integers: [...integers].slice(0, 64),
		device
	};
}

/** A record's JSON with every answer text emptied: its length is structure, not content. */
function structuralLength(record: unknown): number {
	const text = JSON.stringify(record, (key, value) =>
		key === 'content' || key === 'reasoning' ? '' : value
	);
	return text?.length ?? 0;
}

function perTrial<T>(v: View, guess: (trial: Trial) => T): Map<string, T> {
	return new Map(v.trials.map((trial) => [trial.id, guess(trial)]));
}

/** Replays the planner with a candidate seed; guesses from the plan's trial for the same item. */
function replay(v: View, seed: number): { roles: RoleGuess; checks: CheckScore } {
	const endpoints = v.study.endpointIds;
	const study: Study = {
		...v.study,
		seed,
		pairing: 'each-vs-baseline',
		baselineEndpointId: v.study.baselineEndpointId ?? endpoints[0],
		quality: { attentionShare: 0.2, swapShare: 0.2, leakTerms: [] }
	};
	const items = v.study.itemIds.map((id) => ({ id }) as PromptItem);
	const planned = planTrials(study, items);
	const baseline = study.baselineEndpointId;
	const mainLeft = new Map(
		planned.filter((t) => t.kind === 'main').map((t) => [t.itemId, t.leftEndpointId === baseline])
	);
	const checkItems = new Set(planned.filter((t) => t.kind !== 'main').map((t) => t.itemId));
	const byPosition = new Map(planned.map((t) => [t.position, t.kind !== 'main']));
	return {
		roles: perTrial(v, (trial) => mainLeft.get(trial.itemId) ?? true),
		checks: perTrial(
			v,
			(trial) => (byPosition.get(trial.position) ? 1 : 0) + (checkItems.has(trial.itemId) ? 1 : 0)
		)
	};
}

function roleStrategies(v: View): Record<string, RoleGuess> {
	const baseline = v.study.baselineEndpointId ?? v.study.endpointIds[0];
	const response = (id: string) => v.responses.get(id);
	const strategies: Record<string, RoleGuess> = {
		'endpoint named as baseline or listed first': perTrial(v, (t) => t.leftEndpointId === baseline),
		'lexical order of endpoint ids': perTrial(v, (t) => t.leftEndpointId < t.rightEndpointId),
		'lexical order of response ids': perTrial(v, (t) => t.leftResponseId < t.rightResponseId),
		'id lengths': perTrial(v, (t) => t.leftResponseId.length <= t.rightResponseId.length),
		'record lengths without text': perTrial(
			v,
			(t) =>
				structuralLength(response(t.leftResponseId)) <=
				structuralLength(response(t.rightResponseId))
		),
		'generation timestamps': perTrial(
			v,
			(t) =>
				(response(t.leftResponseId)?.createdAt ?? '') <
				(response(t.rightResponseId)?.createdAt ?? '')
		),
		'first hex digit of the left id': perTrial(
			v,
			(t) => parseInt(t.leftEndpointId.replace(/[^0-9a-f]/g, '').slice(-1) || '0', 16) % 2 === 0
		),
		'position parity': perTrial(v, (t) => t.position % 2 === 0)
	};
	strategies['planner replay with the stored seed'] = replay(v, v.study.seed).roles;
	const others = v.integers.filter((seed) => seed !== v.study.seed).map((seed) => replay(v, seed));
	strategies['planner replay with every other number found'] = new Map(
		v.trials.map((t) => [t.id, others.filter((o) => o.roles.get(t.id)).length * 2 > others.length])
	);
	return strategies;
}

function checkStrategies(v: View): Record<string, CheckScore> {
	const shared = new Map<string, number>();
	for (const t of v.trials)
		for (const id of [t.leftResponseId, t.rightResponseId])
			shared.set(id, (shared.get(id) ?? 0) + 1);
	const fileIndex = new Map(v.fileOrder.map((id, index) => [id, index]));
	const lexical = new Map(
		[...v.trials].sort((a, b) => (a.id < b.id ? -1 : 1)).map((t, i) => [t.id, i])
	);
	const order = raterOrder(v.trials, v.study.seed, 'rater-07');
	const judged = new Map(order.map((t, index) => [t.id, index]));
	const suspicious = (t: Trial) => {
		const fields = JSON.stringify([
			t,
			v.responses.get(t.leftResponseId),
			v.responses.get(t.rightResponseId)
		]);
		return t.kind !== 'main' || /gold|swapOf|degraded/.test(fields) ? 1 : 0;
	};
	const strategies: Record<string, CheckScore> = {
		'field scan (kind, gold, swapOf, degraded)': perTrial(v, suspicious),
		'plan position': perTrial(v, (t) => t.position),
		'order in the bundle file': perTrial(v, (t) => fileIndex.get(t.id) ?? 0),
		'lexical order of trial ids': perTrial(v, (t) => lexical.get(t.id) ?? 0),
		'trial id length': perTrial(v, (t) => t.id.length),
		'record lengths without text': perTrial(v, (t) => structuralLength(t)),
		'answers shared with another trial': perTrial(
			v,
			(t) => (shared.get(t.leftResponseId) ?? 0) + (shared.get(t.rightResponseId) ?? 0)
		),
		'place in the rater’s order': perTrial(v, (t) => judged.get(t.id) ?? 0)
	};
	strategies['planner replay with the stored seed'] = replay(v, v.study.seed).checks;
	const others = v.integers.filter((seed) => seed !== v.study.seed).map((seed) => replay(v, seed));
	strategies['planner replay with every other number found'] = new Map(
		v.trials.map((t) => [t.id, others.reduce((sum, o) => sum + (o.checks.get(t.id) ?? 0), 0)])
	);
	return strategies;
}

/** Correct role guesses, and checks among the top-K scored trials (K = the true count). */
function score(device: RaterDevice) {
	const v = view(device);
	const { baselineLeft, check } = device.truth;
	const checks = [...check.values()].filter(Boolean).length;
	const roles = Object.entries(roleStrategies(v)).map(([name, guess]) => ({
		name,
		correct: [...baselineLeft].filter(([id, left]) => guess.get(id) === left).length,
		n: baselineLeft.size
	}));
	const found = Object.entries(checkStrategies(v)).map(([name, scores]) => {
		const top = [...v.trials]
			.map((trial, index) => ({ id: trial.id, score: scores.get(trial.id) ?? 0, index }))
			.sort((a, b) => b.score - a.score || a.index - b.index)
			.slice(0, checks);
		return { name, hits: top.filter(({ id }) => check.get(id)).length, N: check.size, K: checks };
	});
	return { roles, found };
}

/** Structure of a JSON value: keys and value types, recursively (arrays by their elements). */
function shape(value: unknown): string {
	if (Array.isArray(value)) return `[${[...new Set(value.map(shape))].sort().join('|')}]`;
	if (value !== null && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${key}:${shape((value as Record<string, unknown>)[key])}`)
			.join(',')}}`;
	return typeof value;
}

const KEYS = [1, 2, 3, 4, 5];
const Z = 4;
/** Five exports, installs and judged studies on fake IndexedDB: generous room on a busy machine. */
const SLOW = 120_000;

describe('a rater’s device, attacked', () => {
	it(
		'holds no endpoint id, role, seed, plan id or check kind, and no field only some trials have',
		async () => {
			for (const seed of KEYS.slice(0, 2)) {
				const device = await raterDevice(seed);
				const everything = device.bundleText + JSON.stringify(device.tables);
				for (const secret of device.secrets) expect(everything, secret).not.toContain(secret);
				const wire = JSON.parse(device.bundleText).payload.trials as unknown[];
				expect(new Set(wire.map(shape)).size).toBe(1);
				const trials = device.tables.trials as Trial[];
				expect(new Set(trials.map(shape)).size).toBe(1);
				const varying = new Set([
					'id',
					'itemId',
					'position',
					'leftResponseId',
					'rightResponseId',
					'leftEndpointId',
					'rightEndpointId'
				]);
				for (const key of Object.keys(trials[0] ?? {}).filter((k) => !varying.has(k)))
					expect(new Set(trials.map((t) => JSON.stringify(t[key as keyof Trial]))).size, key).toBe(
						1
					);
				const responses = device.tables.responses as Response[];
				expect(new Set(responses.map(shape)).size).toBe(1);
				for (const key of [
					'status',
					'params',
					'attempts',
					'createdAt',
					'updatedAt',
					'studyId'
				] as const)
					expect(new Set(responses.map((r) => JSON.stringify(r[key]))).size, key).toBe(1);
				const ids = responses.map((r) => r.id);
				expect(new Set(ids).size, 'an answer id repeats across trials').toBe(ids.length);
			}
		},
		SLOW
	);

	it(
		'lets no strategy beat chance at roles or quality checks',
		async () => {
			const roleTotals = new Map<string, { correct: number; n: number }>();
			const checkTotals = new Map<string, { hits: number; mean: number; variance: number }>();
			for (const seed of KEYS) {
				const { roles, found } = score(await raterDevice(seed));
				for (const { name, correct, n } of roles) {
					const total = roleTotals.get(name) ?? { correct: 0, n: 0 };
					roleTotals.set(name, { correct: total.correct + correct, n: total.n + n });
				}
				for (const { name, hits, N, K } of found) {
					const total = checkTotals.get(name) ?? { hits: 0, mean: 0, variance: 0 };
					const p = K / N;
					checkTotals.set(name, {
						hits: total.hits + hits,
						mean: total.mean + K * p,
						variance: total.variance + K * p * (1 - p) * ((N - K) / (N - 1))
					});
				}
			}
			for (const [name, { correct, n }] of roleTotals) {
				const bound = (Z * Math.sqrt(n)) / 2;
				expect(Math.abs(correct - n / 2), `${name}: ${correct} of ${n}`).toBeLessThanOrEqual(bound);
			}
			for (const [name, { hits, mean, variance }] of checkTotals) {
				expect(
					hits,
					`${name}: ${hits} checks found, chance ${mean.toFixed(1)}`
				).toBeLessThanOrEqual(mean + Z * Math.sqrt(variance));
			}
			expect(roleTotals.size).toBeGreaterThanOrEqual(9);
			expect(checkTotals.size).toBeGreaterThanOrEqual(9);
		},
		SLOW
	);

	it('is an attacker with teeth: on a device holding the plan it recovers roles and checks', async () => {
		const { roles, found } = score(await leakyDevice());
		const best = (list: { value: number }[]) => Math.max(...list.map((entry) => entry.value));
		expect(best(roles.map((r) => ({ value: r.correct / r.n })))).toBe(1);
		expect(best(found.map((f) => ({ value: f.hits / f.K })))).toBe(1);
		expect(ITEMS).toBeGreaterThan(0);
	});
});
