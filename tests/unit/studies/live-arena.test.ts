// The live arena's promises, against fake-indexeddb and in-page streamers: both sides stream and
// appear together, identities stay hidden until the audience has voted, and every round is stored
// as ordinary study data the scoreboard is derived from.
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import { sequentialIds } from '$lib/core/ids';
import { ProviderError, type ChatStreamer, type StreamEvent } from '$lib/core/stream/events';
import type { ArenaDB } from '$lib/db/arena-db';
import { saveEndpoint } from '$lib/db/repos/endpoints';
import { liveScoreData } from '$lib/db/repos/live-rounds';
import raw from '$lib/demo/data/demo-study.json';
import { createSimulatedStreamer } from '$lib/demo/simulated-streamer';
import { classifyError } from '$lib/providers/classify-error';
import { LiveArena, type LiveArenaDeps } from '$lib/studies/live-arena.svelte';
import { liveScoreboard } from '$lib/core/live/scoreboard';
import { T0, makeEndpoint } from '../factories';
import { testDb } from '../db/test-db';
import { getItems } from '$lib/db/repos/item-pages';

let db: ArenaDB;
let frames: (() => void)[];
const instant = createSimulatedStreamer({ chunkDelayMs: 0, firstChunkDelayMs: 0 });

beforeEach(() => {
	db = testDb();
	frames = [];
});

function runFrames(): void {
	while (frames.length) frames.shift()?.();
}

function arena(overrides: Partial<LiveArenaDeps> = {}) {
	let tick = 0;
	return new LiveArena({
		db: () => db,
		streamerFor: async () => instant,
		keyFor: async () => undefined,
		clock: fixedClock(T0),
		newId: sequentialIds('live'),
		frame: (callback) => frames.push(callback),
		now: () => (tick += 10),
		yieldTask: () => Promise.resolve(),
		...overrides
	});
}

const prompt = (text: string) => ({ turns: [text], traits: ['truthfulness'], tags: [] });

describe('LiveArena rounds', () => {
	it('streams both demo endpoints, hides identities until the vote, then reveals them', async () => {
		const live = arena();
		await live.load();
		expect(live.endpointA).toBe('demo-endpoint-1');
		await live.run(prompt('Is it safe to swim right after eating?'));
		expect(live.phase).toBe('voting');
		expect(live.left.status).toBe('done');
		expect(live.right.status).toBe('done');
		expect(live.left.turns[0]).toMatch(/Illustrative demo answer/);
		expect(live.left.turns[0]).not.toBe(live.right.turns[0]);
		expect(live.reveal).toBeUndefined();

		await live.castVote('left-better');
		expect(live.phase).toBe('revealed');
		const [trial] = await db.trials.toArray();
		const labels = {
			'demo-endpoint-1': 'Demo baseline (illustrative)',
			'demo-endpoint-2': 'Demo trained (illustrative)'
		};
		expect(live.reveal).toEqual({
			left: labels[trial?.leftEndpointId as keyof typeof labels],
			right: labels[trial?.rightEndpointId as keyof typeof labels]
		});
		const [judgment] = await db.judgments.toArray();
		expect(judgment).toMatchObject({
			raterId: 'audience',
			overall: 'left-better',
			winnerEndpointId: trial?.leftEndpointId,
			trialId: trial?.id
		});
	});

	it('stores each round as a live study with its item, trial and both responses', async () => {
		const live = arena();
		await live.load();
		await live.run(prompt('First question?'));
		await live.castVote('tie');
		await live.run(prompt('Second question?'));
		const studies = await db.studies.toArray();
		expect(studies).toHaveLength(1);
		expect(studies[0]).toMatchObject({ kind: 'live', revealPolicy: 'after-vote' });
		expect(studies[0]?.itemIds).toHaveLength(2);
		const items = await getItems(db, studies[0]?.itemIds ?? []);
		expect(items.map((item) => item?.turns[0])).toEqual(['First question?', 'Second question?']);
		const responses = await db.responses.toArray();
		expect(responses).toHaveLength(4);
		expect(responses.every((response) => response.status === 'done')).toBe(true);
		expect((await db.trials.toArray()).map((trial) => trial.position).sort()).toEqual([0, 1]);
	});

	it('replays the demo study answers turn by turn for a picked multi-turn demo item', async () => {
		const item = raw.items.find((candidate) => candidate.turns.length === 2);
		const live = arena();
		await live.load();
		await live.run({ turns: item?.turns ?? [], traits: item?.traits ?? [], tags: [] });
		const answers = Object.values(item?.answers ?? {});
		expect(live.left.turns).toHaveLength(2);
		expect(answers).toContainEqual(live.left.turns);
		expect(answers).toContainEqual(live.right.turns);
	});

	it('randomises sides per round, reproducibly from the study seed', async () => {
		const live = arena();
		await live.load();
		for (let round = 0; round < 12; round++) {
			await live.run(prompt(`Question ${round}?`));
			await live.castVote('tie');
		}
		const trials = await db.trials.orderBy('id').toArray();
		const lefts = new Set(trials.map((trial) => trial.leftEndpointId));
		expect(lefts.size).toBe(2);
	});

	it('keeps the scoreboard from stored judgments, per trait', async () => {
		const live = arena();
		await live.load();
		await live.run(prompt('Q1?'));
		await live.castVote('left-much-better');
		await live.run({ turns: ['Q2?'], traits: ['fairness'], tags: [] });
		await live.castVote('both-bad');
		const data = await liveScoreData(db, live.studyId ?? '');
		const rows = liveScoreboard(
			data?.judgments ?? [],
			data?.items ?? [],
			data?.study.endpointIds ?? []
		);
		expect(rows.map((row) => [row.key, row.rounds, row.bothBad])).toEqual([
			['all', 2, 1],
			['truthfulness', 1, 0],
			['fairness', 1, 1]
		]);
		const wins = Object.values(rows[0]?.wins ?? {});
		expect(wins.sort()).toEqual([0, 1]);
	});

	it('starts a new live study for a new session or other endpoints', async () => {
		await saveEndpoint(db, makeEndpoint({ id: 'ep-x', preset: 'demo', model: 'demo-baseline' }));
		const live = arena();
		await live.load();
		await live.run(prompt('Q1?'));
		const first = live.studyId;
		await live.newSession();
		await live.run(prompt('Q2?'));
		expect(live.studyId).not.toBe(first);
		live.endpointB = 'ep-x';
		await live.run(prompt('Q3?'));
		expect(await db.studies.count()).toBe(3);
	});

	it('keeps endpoints the presenter picked while the last session was loading', async () => {
		await saveEndpoint(db, makeEndpoint({ id: 'ep-x', preset: 'demo', model: 'demo-baseline' }));
		const first = arena();
		await first.load();
		await first.run(prompt('Q1?'));
		const again = arena();
		const loading = again.load();
		again.endpointA = 'ep-x';
		again.endpointB = 'demo-endpoint-2';
		await loading;
		expect([again.endpointA, again.endpointB]).toEqual(['ep-x', 'demo-endpoint-2']);
	});

	it('refuses to run without a prompt or with the same endpoint twice', async () => {
		const live = arena();
		await live.load();
		await live.run(prompt('   '));
		expect(live.error).toMatch(/prompt/);
		live.endpointB = live.endpointA;
		await live.run(prompt('Q?'));
		expect(live.error).toMatch(/two different endpoints/);
		expect(await db.studies.count()).toBe(0);
	});
});

/** A streamer whose deltas are released by the test (or that fails as aborted, like real ones). */
function gatedStreamer(): { streamer: ChatStreamer; release: () => void; parked: () => number } {
	let release = () => undefined as void;
	let parked = 0;
	const gate = new Promise<void>((resolve) => (release = resolve));
	const streamer: ChatStreamer = async function* (_request, options): AsyncGenerator<StreamEvent> {
		yield { type: 'start', atMs: 0 };
		yield { type: 'delta', text: '' };
		parked++;
		await new Promise<void>((resolve, reject) => {
			void gate.then(resolve);
			options?.signal?.addEventListener('abort', () =>
				reject(new ProviderError('aborted', 'Stopped.'))
			);
		});
		yield { type: 'delta', text: 'slow side' };
		yield { type: 'finish', reason: 'stop' };
	};
	return { streamer, release, parked: () => parked };
}

describe('LiveArena blinding', () => {
	it('shows neither side until both have something to show, then both in the same frame', async () => {
		const slow = gatedStreamer();
		let fastEnded = false;
		const fast: ChatStreamer = async function* () {
			yield { type: 'start', atMs: 0 };
			yield { type: 'delta', text: 'fast side' };
			yield { type: 'finish', reason: 'stop' };
			fastEnded = true;
		};
		const live = arena({
			streamerFor: async (endpoint) => (endpoint.model === 'demo-baseline' ? fast : slow.streamer)
		});
		await live.load();
		const running = live.run(prompt('Who is first?'));
		while (!fastEnded) await new Promise((resolve) => setTimeout(resolve, 1));
		await new Promise((resolve) => setTimeout(resolve, 1));
		runFrames();
		expect(live.left.turns).toEqual([]);
		expect(live.right.turns).toEqual([]);
		expect([live.left.status, live.right.status]).toEqual(['waiting', 'waiting']);
		slow.release();
		await running;
		expect([live.left.turns, live.right.turns].map((turns) => turns[0]).sort()).toEqual([
			'fast side',
			'slow side'
		]);
	});

	it('keeps partial answers as aborted when the presenter stops, and still takes a vote', async () => {
		const slow = gatedStreamer();
		const live = arena({ streamerFor: async () => slow.streamer });
		await live.load();
		const running = live.run(prompt('Stop me'));
		while (slow.parked() < 2) await new Promise((resolve) => setTimeout(resolve, 1));
		live.stop();
		await running;
		expect(live.phase).toBe('voting');
		expect([live.left.status, live.right.status]).toEqual(['aborted', 'aborted']);
		const responses = await db.responses.toArray();
		expect(responses.map((response) => response.status)).toEqual(['aborted', 'aborted']);
		await live.castVote('both-bad');
		expect(live.phase).toBe('revealed');
	});
});

describe('LiveArena failures', () => {
	it('says why a side failed, naming neither endpoint until the vote', async () => {
		await saveEndpoint(
			db,
			makeEndpoint({
				id: 'ep-x',
				label: 'Secret trained build',
				preset: 'ollama',
				baseURL: 'http://gpu-box.lab:11434/v1',
				model: 'llama3-trained'
			})
		);
		const failing: ChatStreamer = async function* () {
			yield* [];
			throw classifyError(new TypeError('Failed to fetch'), {
				baseURL: 'http://gpu-box.lab:11434/v1',
				preset: 'ollama',
				model: 'llama3-trained',
				reachable: true
			});
		};
		const live = arena({
			streamerFor: async (endpoint) => (endpoint.id === 'ep-x' ? failing : instant)
		});
		await live.load();
		live.endpointB = 'ep-x';
		await live.run(prompt('Who fails?'));
		runFrames();
		const side = live.left.status === 'error' ? live.left : live.right;
		expect(side.status).toBe('error');
		expect(side.failure).toMatch(/blocked the answer from this side’s server.*\(CORS\)/);
		expect(side.failure).not.toMatch(/gpu-box|Ollama|llama3|Secret/i);
		await live.castVote('both-bad');
		expect(side.failure).toMatch(/gpu-box\.lab:11434.*OLLAMA_ORIGINS/);
		const stored = (await db.responses.toArray()).find((r) => r.endpointId === 'ep-x');
		expect(side.failure).toBe(stored?.error?.message);
	});
});

describe('LiveArena pacing', () => {
	it('hands the page a new task during a burst of tokens, losing none of them', async () => {
		let time = 0;
		let yields = 0;
		const burst: ChatStreamer = async function* () {
			yield { type: 'start', atMs: 0 };
			for (let i = 0; i < 60; i++) yield { type: 'delta', text: `t${i} ` };
			yield { type: 'finish', reason: 'stop' };
		};
		const live = arena({
			streamerFor: async () => burst,
			now: () => (time += 1),
			yieldTask: () => {
				yields++;
				return new Promise((resolve) => setTimeout(resolve, 0));
			}
		});
		await live.load();
		await live.run(prompt('Burst'));
		const expected = Array.from({ length: 60 }, (_, i) => `t${i} `).join('');
		expect(live.left.turns).toEqual([expected]);
		expect(live.right.turns).toEqual([expected]);
		expect(yields).toBeGreaterThan(10);
	});
});
