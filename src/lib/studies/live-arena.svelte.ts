// The presenter's live arena: two endpoints answer one prompt side by side while the audience
// watches, votes on the overall scale, and only then learns which side was which. Sides are drawn
// per round from the live study's seed; neither side is shown before the other has something to
// show, and both redraw in the same animation frame. Each round is stored as ordinary study data
// (see repos/live-rounds.ts), so the scoreboard is derived from judgments and survives reloads.
// Streaming, keys, storage, time, ids and frames are injected so the flow is tested in node.
import { nowIso, systemClock, type Clock } from '$lib/core/clock';
import { newId, type IdFactory } from '$lib/core/ids';
import { buildJudgment } from '$lib/core/plan/resolve-judgment';
import { newSeed, seededRandom } from '$lib/core/random/prng';
import type { Endpoint, OverallChoice, PromptItem, Study, Trial } from '$lib/core/schema';
import type { ChatStreamer } from '$lib/core/stream/events';
import { APP_VERSION } from '$lib/app/version';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { commitJudgment } from '$lib/db/repos/judgments';
import {
	currentLiveStudy,
	endpointsByIds,
	ensureEndpoints,
	forgetLiveStudy,
	liveRoundCount,
	startLiveRound,
	studyById
} from '$lib/db/repos/live-rounds';
import { saveResponse } from '$lib/db/repos/responses';
import { demoRecords } from '$lib/demo/seed-demo';
import { runOne } from '$lib/generation/run-one';
import { blindMessage } from '$lib/providers/blind-message';
import { keyVault } from '$lib/providers/key-vault.svelte';
import { streamerFor } from '$lib/providers/streamer-for';
import { LiveSide } from './live-side.svelte';
import { liveItem, liveSet, liveTrial, newLiveStudy, type LivePrompt } from './live-records';

export type { LivePrompt };

export const AUDIENCE_RATER = 'audience';
export type LivePhase = 'setup' | 'streaming' | 'voting' | 'revealed';

export interface LiveArenaDeps {
	db?: () => ArenaDB;
	streamerFor?: (endpoint: Endpoint) => Promise<ChatStreamer>;
	keyFor?: (endpointId: string) => Promise<string | undefined>;
	clock?: Clock;
	newId?: IdFactory;
	/** Runs a callback before the next repaint (requestAnimationFrame in the browser). */
	frame?: (callback: () => void) => void;
	/** Resolves in a later task, so a long burst of tokens does not hold the main thread. */
	yieldTask?: () => Promise<void>;
	now?: () => number;
}

/** Longest stretch (ms) of token handling before the page gets a turn (input, rendering). */
export const SLICE_MS = 6;

export interface LiveReveal {
	left: string;
	right: string;
}

const defaultFrame = (callback: () => void) =>
	typeof requestAnimationFrame === 'function'
		? void requestAnimationFrame(callback)
		: queueMicrotask(callback);

/** A new task soon: scheduler.yield() where the browser has it, else a message to ourselves. */
function defaultYieldTask(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
	if (scheduler?.yield) return scheduler.yield();
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(undefined);
	});
}

export class LiveArena {
	endpointA = $state('');
	endpointB = $state('');
	phase = $state<LivePhase>('setup');
	/** The prompt of the current round (what the audience sees above the answers). */
	prompt = $state.raw<LivePrompt | undefined>(undefined);
	round = $state(0);
	studyId = $state<string | undefined>(undefined);
	vote = $state<OverallChoice | undefined>(undefined);
	reveal = $state.raw<LiveReveal | undefined>(undefined);
	error = $state<string | undefined>(undefined);
	readonly left = new LiveSide();
	readonly right = new LiveSide();

	readonly #db: () => ArenaDB;
	readonly #streamerFor: (endpoint: Endpoint) => Promise<ChatStreamer>;
	readonly #keyFor: (endpointId: string) => Promise<string | undefined>;
	readonly #clock: Clock;
	readonly #newId: IdFactory;
	readonly #frame: (callback: () => void) => void;
	readonly #now: () => number;
	readonly #yieldTask: () => Promise<void>;
	#sliceStart = 0;
	#sliceOpen = false;
	#controller: AbortController | undefined;
	#frameRequested = false;
	#trial: Trial | undefined;
	#sides: { left: Endpoint; right: Endpoint } | undefined;
	#votingSince = 0;

	constructor(deps: LiveArenaDeps = {}) {
		this.#db = deps.db ?? getDb;
		this.#streamerFor = deps.streamerFor ?? streamerFor;
		this.#keyFor = deps.keyFor ?? ((id) => keyVault.get(id));
		this.#clock = deps.clock ?? systemClock;
		this.#newId = deps.newId ?? newId;
		this.#frame = deps.frame ?? defaultFrame;
		this.#now = deps.now ?? (() => performance.now());
		this.#yieldTask = deps.yieldTask ?? defaultYieldTask;
	}

	get busy(): boolean {
		return this.phase === 'streaming';
	}

	/** Resumes the last live session, or starts on the built-in demo endpoints. */
	async load(): Promise<void> {
		try {
			const study = await currentLiveStudy(this.#db());
			// The presenter may have picked endpoints while this was reading: their choice stands.
			const picked = this.endpointA !== '' || this.endpointB !== '';
			if (study && study.endpointIds.length === 2) {
				this.studyId = study.id;
				if (!picked) [this.endpointA = '', this.endpointB = ''] = study.endpointIds;
			} else if (!picked) await this.useDemoEndpoints();
		} catch (cause) {
			this.error = describeStorageError(cause);
		}
	}

	/** Selects the two built-in demo endpoints (no key, no network), adding them if missing. */
	async useDemoEndpoints(): Promise<void> {
		const demo = demoRecords(nowIso(this.#clock)).endpoints;
		await ensureEndpoints(this.#db(), demo);
		[this.endpointA = '', this.endpointB = ''] = demo.map((endpoint) => endpoint.id);
	}

	/** Starts a new live study at the next round (the scoreboard starts from zero). */
	async newSession(): Promise<void> {
		if (this.busy) return;
		this.studyId = undefined;
		this.phase = 'setup';
		this.prompt = undefined;
		await forgetLiveStudy(this.#db());
	}

	/** Streams both endpoints' answers to `prompt` side by side. */
	async run(prompt: LivePrompt): Promise<void> {
		if (this.busy) return;
		const turns = prompt.turns.map((turn) => turn.trim()).filter(Boolean);
		this.error = this.#setupProblem(turns);
		if (this.error) return;
		try {
			const db = this.#db();
			const [a, b] = await endpointsByIds(db, [this.endpointA, this.endpointB]);
			if (!a || !b) {
				this.error = 'One of the chosen endpoints no longer exists.';
				return;
			}
			const study = await this.#studyFor([a.id, b.id]);
			const position = await liveRoundCount(db, study.id);
			const item = liveItem(this.#newId(), { ...prompt, turns }, nowIso(this.#clock));
			const aOnLeft = seededRandom('live-sides', study.seed, position)() < 0.5;
			const sides = aOnLeft ? { left: a, right: b } : { left: b, right: a };
			const trial = liveTrial(study.id, item.id, position, sides);
			const stored = await startLiveRound(db, {
				set: liveSet(nowIso(this.#clock)),
				study,
				item,
				trial
			});
			this.studyId = stored.id;
			this.#trial = trial;
			this.#sides = sides;
			this.prompt = { ...prompt, turns };
			this.round = position + 1;
			this.vote = undefined;
			this.reveal = undefined;
			this.left.reset();
			this.right.reset();
			this.phase = 'streaming';
			this.#controller = new AbortController();
			const signal = this.#controller.signal;
			await Promise.all([
				this.#stream(this.left, sides.left, stored.id, item, signal),
				this.#stream(this.right, sides.right, stored.id, item, signal)
			]);
			this.#flushNow();
			this.phase = 'voting';
			this.#votingSince = this.#now();
		} catch (cause) {
			this.#controller?.abort();
			this.error = describeStorageError(cause);
			if (this.phase === 'streaming') this.phase = 'voting';
		} finally {
			this.#controller = undefined;
		}
	}

	/** Stops both streams; what arrived so far is kept and can be voted on. */
	stop(): void {
		this.#controller?.abort();
	}

	/** Stores the audience's vote, then reveals which endpoint sat on which side. */
	async castVote(choice: OverallChoice): Promise<void> {
		const trial = this.#trial;
		const sides = this.#sides;
		if (this.phase !== 'voting' || !trial || !sides) return;
		try {
			const judgment = buildJudgment(
				trial,
				{
					overall: choice,
					skipReason: null,
					traitChoices: {},
					flags: { left: [], right: [] },
					rationale: ''
				},
				{
					id: this.#newId(),
					app: APP_VERSION,
					raterId: AUDIENCE_RATER,
					decisionMs: this.#now() - this.#votingSince,
					at: nowIso(this.#clock)
				}
			);
			await commitJudgment(this.#db(), judgment);
			this.vote = choice;
			this.reveal = { left: sides.left.label, right: sides.right.label };
			this.left.unblind();
			this.right.unblind();
			this.phase = 'revealed';
		} catch (cause) {
			this.error = describeStorageError(cause);
		}
	}

	#setupProblem(turns: readonly string[]): string | undefined {
		if (turns.length === 0) return 'Type a prompt or pick one first.';
		if (!this.endpointA || !this.endpointB || this.endpointA === this.endpointB) {
			return 'Choose two different endpoints.';
		}
		return undefined;
	}

	async #studyFor(endpointIds: [string, string]): Promise<Study> {
		const current = this.studyId ? await studyById(this.#db(), this.studyId) : undefined;
		const same =
			current?.kind === 'live' &&
			current.endpointIds.length === 2 &&
			endpointIds.every((id) => current.endpointIds.includes(id));
		if (current && same) return current;
		return newLiveStudy(this.#newId(), endpointIds, this.#clock(), newSeed());
	}

	async #stream(
		side: LiveSide,
		endpoint: Endpoint,
		studyId: string,
		item: PromptItem,
		signal: AbortSignal
	): Promise<void> {
		const [streamer, key] = await Promise.all([
			this.#streamerFor(endpoint),
			this.#keyFor(endpoint.id)
		]);
		const response = await runOne({
			studyId,
			item,
			endpoint,
			key,
			streamer: side.tap(streamer, {
				onDelta: () => this.#requestFrame(),
				pause: () => this.#pause()
			}),
			signal,
			clock: this.#clock,
			now: this.#now,
			progressEveryMs: Number.POSITIVE_INFINITY
		});
		side.settle(response, (message) => blindMessage(message, endpoint));
		this.#requestFrame();
		await saveResponse(this.#db(), response);
	}

	/**
	 * Both sides share one time slice: a fast server delivers thousands of tokens per network
	 * read, and handling them all in one go would freeze the page; after SLICE_MS the next token
	 * waits for a new task. A slice ends early when a task of ours has run in between (the
	 * marker), i.e. the tokens stopped arriving and the page had its turn anyway.
	 */
	#pause(): Promise<void> | undefined {
		const now = this.#now();
		if (!this.#sliceOpen) {
			this.#sliceOpen = true;
			this.#sliceStart = now;
			void this.#yieldTask().then(() => (this.#sliceOpen = false));
			return undefined;
		}
		if (now - this.#sliceStart < SLICE_MS) return undefined;
		this.#sliceOpen = false;
		return this.#yieldTask();
	}

	#requestFrame(): void {
		if (this.#frameRequested) return;
		this.#frameRequested = true;
		this.#frame(() => {
			this.#frameRequested = false;
			this.#flushNow();
		});
	}

	/** Both sides redraw together, and only once both have something to show. */
	#flushNow(): void {
		if (!this.left.ready || !this.right.ready) return;
		this.left.flush();
		this.right.flush();
	}
}
