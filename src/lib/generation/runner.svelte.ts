// Produces every (item × endpoint) response of a study exactly once. Shaped around durability:
// the database, not this object, is the truth about what is finished — each run starts by reading
// it, skips what is `done` and regenerates anything else (error, aborted, or a `streaming` record
// left by a crash). Response ids are deterministic, so a second run overwrites rather than adds.
// Workers are per endpoint, so one slow or rate-limited server never starves the other. Progress
// is a handful of runes the panel reads; streaming text goes to storage every ~250 ms, not per token.
import { IMPORTED_PRESET } from '$lib/core/codecs/answers/match';
import { nowIso, systemClock, type Clock } from '$lib/core/clock';
import type { Endpoint, PromptItem, Response, ResponseError } from '$lib/core/schema';
import type { ChatStreamer } from '$lib/core/stream/events';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { loadGenerationPlan, type GenerationPlan } from '$lib/db/repos/generation';
import { putResponseProgress, responseId, saveResponse } from '$lib/db/repos/responses';
import { keyVault } from '$lib/providers/key-vault.svelte';
import { sleep } from '$lib/providers/retry';
import { streamerFor } from '$lib/providers/streamer-for';
import { previewGeneration, type GenerationPreview } from './preview';
import { ENDPOINT_FATAL, notAttempted, worthAnotherAttempt } from './failure-policy';
import { Pace, type Silence } from './pace';
import { RunControl, type RunState } from './run-control.svelte';
import { ProgressWriter } from './progress-writer';
import { PROGRESS_EVERY_MS, finishedTurns, runOne, systemMessagesFor } from './run-one';
import { missingKeysProblem } from './missing-keys';
import { keyWasUsed } from '$lib/endpoints/key-use';
import { tally, type Entry, type FailureView } from './tally';
import { BUSY_ELSEWHERE, browserExclusiveRun, type ExclusiveRun } from './study-lock';

export type { FailureView } from './tally';

export interface RunnerOptions {
	db?: () => ArenaDB;
	streamerFor?: (endpoint: Endpoint) => Promise<ChatStreamer>;
	keyFor?: (endpointId: string) => Promise<string | undefined>;
	now?: () => number;
	clock?: Clock;
	/** Requests in flight per endpoint. */
	concurrency?: number;
	progressEveryMs?: number;
	idleTimeoutMs?: number;
	/** Whole-response attempts per run for transient failures (a stream dropped mid-answer…). */
	maxAttempts?: number;
	retryDelayMs?: number;
	/** Keeps two tabs from generating one study at once (a Web Lock in the browser). */
	exclusive?: ExclusiveRun;
	/** How often the time estimate and the silence notice are refreshed while running. */
	tickMs?: number;
}

export class GenerationRunner {
	readonly studyId: string;
	loaded = $state(false);
	total = $state(0);
	done = $state(0);
	failed = $state(0);
	stopped = $state(0);
	truncated = $state(0);
	active = $state(0);
	ratePerMinute = $state<number | undefined>(undefined);
	etaSeconds = $state<number | undefined>(undefined);
	/** Set while a request has heard nothing for a while: then there is no estimate. */
	silence = $state.raw<Silence | undefined>(undefined);
	failures = $state.raw<FailureView[]>([]);
	preview = $state.raw<GenerationPreview | undefined>(undefined);
	// Two sources, kept apart so a reload of the counts (which happens whenever the panel re-reads
	// the study) cannot clear why the last start was refused, e.g. another tab generating.
	#planProblem = $state<string | undefined>(undefined);
	#runProblem = $state<string | undefined>(undefined);

	#options: Required<Omit<RunnerOptions, 'idleTimeoutMs'>> & { idleTimeoutMs?: number };
	#plan: GenerationPlan | undefined;
	// Plain collections on purpose: the view never reads them; #recount copies counts into runes.
	/* eslint-disable svelte/prefer-svelte-reactivity */
	#entries = new Map<string, Entry>();
	#starting = false;
	#fatal = new Map<string, ResponseError>();
	/* eslint-enable svelte/prefer-svelte-reactivity */
	#pace: Pace;
	readonly #control = new RunControl();

	constructor(studyId: string, options: RunnerOptions = {}) {
		this.studyId = studyId;
		this.#options = {
			db: getDb,
			streamerFor,
			keyFor: (id) => keyVault.get(id),
			now: () => performance.now(),
			clock: systemClock,
			concurrency: 4,
			progressEveryMs: PROGRESS_EVERY_MS,
			maxAttempts: 3,
			retryDelayMs: 1_000,
			exclusive: browserExclusiveRun,
			tickMs: 1_000,
			...options
		};
		this.#pace = new Pace(this.#options.now);
	}

	/** A problem that stops generation as a whole (missing study, key, storage error). */
	get problem(): string | undefined {
		return this.#runProblem ?? this.#planProblem;
	}

	get state(): RunState {
		return this.#control.state;
	}

	get running(): boolean {
		return this.#control.running;
	}

	/** Reads what is stored (no-op while a run is going: the run keeps the counts itself). */
	async load(): Promise<void> {
		if (this.running) return;
		try {
			const plan = await loadGenerationPlan(this.#options.db(), this.studyId);
			if (this.running) return;
			this.#plan = plan;
			this.#entries.clear();
			if (!plan) {
				this.#planProblem = 'This study no longer exists.';
				return;
			}
			for (const response of plan.responses) {
				this.#entries.set(response.id, {
					status: response.status,
					error: response.error,
					finishReason: response.finishReason,
					attempts: response.attempts,
					createdAt: response.createdAt
				});
			}
			const missing = plan.missingEndpointIds.length + plan.missingItemIds.length;
			this.#planProblem =
				missing > 0
					? `${missing} of the study's endpoints or prompt items were deleted; only the others are generated.`
					: undefined;
			this.#recount();
		} catch (error) {
			this.#planProblem = describeStorageError(error);
		} finally {
			this.loaded = true;
		}
	}

	/** Generates every response that is not done yet (also the way to resume after a reload). */
	start(): Promise<void> {
		return this.#run((entry) => entry?.status !== 'done');
	}

	/** Regenerates only the responses that failed or were stopped. */
	retryFailed(): Promise<void> {
		return this.#run((entry) => entry?.status === 'error' || entry?.status === 'aborted');
	}

	/** Sends no new request; answers already streaming finish. */
	pause(): void {
		this.#control.pause();
	}

	resume(): void {
		this.#control.resume();
	}

	/** Stops everything now; answers cut short are stored as `aborted` with their partial text. */
	cancel(): void {
		this.#control.cancel();
	}

	async #run(select: (entry: Entry | undefined) => boolean): Promise<void> {
		if (this.running || this.#starting) return;
		this.#starting = true;
		this.#runProblem = undefined;
		try {
			await this.load();
		} finally {
			this.#starting = false;
		}
		const plan = this.#plan;
		if (!plan || this.running) return;
		this.#control.begin();
		this.#fatal.clear();
		const queues: [Endpoint, PromptItem[]][] = [];
		for (const endpoint of plan.endpoints) {
			if (endpoint.preset === IMPORTED_PRESET) continue; // answers from a file: nothing to ask
			const items = plan.items.filter((item) =>
				select(this.#entries.get(responseId(this.studyId, item.id, endpoint.id)))
			);
			if (items.length > 0) queues.push([endpoint, items]);
		}
		const keyProblem = await missingKeysProblem(
			queues.map(([endpoint]) => endpoint),
			this.#options.keyFor,
			(id) => keyWasUsed(this.#options.db(), id)
		);
		if (keyProblem) {
			this.#runProblem = keyProblem;
			this.#control.refuse();
			return;
		}
		const ran = await this.#options.exclusive(this.studyId, async () => {
			this.#pace.start(queues.reduce((sum, [, items]) => sum + items.length, 0));
			this.ratePerMinute = undefined;
			this.etaSeconds = undefined;
			const workers: Promise<void>[] = [];
			for (const [endpoint, items] of queues) {
				const width = Math.max(1, Math.min(this.#options.concurrency, items.length));
				for (let index = 0; index < width; index++) workers.push(this.#worker(endpoint, items));
			}
			const ticker = setInterval(() => this.#updateRate(), this.#options.tickMs);
			await Promise.all(workers); // never rejects: each worker records its own failures
			clearInterval(ticker);
		});
		if (!ran) {
			this.#runProblem = BUSY_ELSEWHERE;
			this.#control.refuse();
			return;
		}
		this.etaSeconds = this.silence = undefined;
		this.#control.end();
	}

	async #worker(endpoint: Endpoint, queue: PromptItem[]): Promise<void> {
		for (;;) {
			if (!(await this.#control.proceed())) return;
			const item = queue.shift();
			if (!item) return;
			try {
				await this.#generate(endpoint, item);
			} catch (error) {
				return this.#storageFailed(error);
			}
		}
	}

	/** Storage failed: stop the run rather than stream answers nobody can keep. */
	#storageFailed(error: unknown): void {
		this.#runProblem ??= describeStorageError(error);
		this.cancel();
	}

	async #generate(endpoint: Endpoint, item: PromptItem): Promise<void> {
		const db = this.#options.db();
		const id = responseId(this.studyId, item.id, endpoint.id);
		const stored = this.#entries.get(id);
		const fatal = this.#fatal.get(endpoint.id);
		let result = fatal
			? notAttempted(this.studyId, endpoint, item, fatal, stored, nowIso(this.#options.clock))
			: await this.#attempt(endpoint, item, stored);
		if (result.status === 'error' && result.error && ENDPOINT_FATAL.has(result.error.kind)) {
			if (!this.#fatal.has(endpoint.id)) this.#fatal.set(endpoint.id, result.error);
		}
		result = await saveResponse(db, result);
		this.#entries.set(id, {
			status: result.status,
			error: result.error,
			finishReason: result.finishReason,
			attempts: result.attempts,
			createdAt: result.createdAt
		});
		// One skipped for an endpoint already refused took no time: it must not inflate the rate.
		if (fatal) this.#pace.skipped();
		else this.#pace.completed();
		this.#recount();
	}

	async #attempt(endpoint: Endpoint, item: PromptItem, stored: Entry | undefined) {
		const options = this.#options;
		const db = options.db();
		const controller = this.#control.open();
		const writer = new ProgressWriter(
			(response) => putResponseProgress(db, response),
			// Storage refuses (the study is gone, the disk is full): stop calling the API at once.
			(error) => this.#storageFailed(error)
		);
		this.#pace.listen(controller, endpoint);
		this.active++;
		try {
			const streamer = await options.streamerFor(endpoint);
			const key = await options.keyFor(endpoint.id);
			// The last failed attempt of this run: the next one keeps its finished turns.
			let failed: Response | undefined;
			let finished = 0;
			for (let attempt = 1; ; attempt++) {
				const result = await runOne({
					studyId: this.studyId,
					item,
					endpoint,
					key,
					streamer,
					signal: controller.signal,
					idleTimeoutMs: options.idleTimeoutMs,
					now: options.now,
					clock: options.clock,
					previous: failed ?? stored,
					resume: failed,
					progressEveryMs: options.progressEveryMs,
					onProgress: (response) => {
						this.#pace.heard(controller);
						writer.push(response);
					}
				});
				const retry =
					worthAnotherAttempt(result) && attempt < options.maxAttempts && !this.#control.cancelled;
				if (!retry) return result;
				failed = result;
				// An attempt that finished more turns than the last one made progress: it does not use
				// up the retry budget (a long conversation may drop once per turn). Bounded by turns.
				const nowFinished =
					finishedTurns(result.transcript, systemMessagesFor(endpoint, item), item.turns).length /
					2;
				try {
					await sleep(options.retryDelayMs * attempt, controller.signal);
				} catch {
					return result;
				}
				if (nowFinished > finished) {
					finished = nowFinished;
					attempt = 0;
				}
			}
		} finally {
			await writer.settle();
			this.#control.close(controller);
			this.#pace.forget(controller);
			this.active--;
		}
	}

	#recount(): void {
		const plan = this.#plan;
		if (!plan) return;
		const counts = tally(this.studyId, plan, this.#entries);
		this.total = counts.total;
		this.done = counts.done;
		this.failed = counts.failed;
		this.stopped = counts.stopped;
		this.truncated = counts.truncated;
		this.failures = counts.failures;
		this.preview = previewGeneration(
			plan.items,
			plan.endpoints,
			(itemId, endpointId) =>
				this.#entries.get(responseId(this.studyId, itemId, endpointId))?.status
		);
		this.#updateRate();
	}

	#updateRate(): void {
		if (!this.running) return;
		const reading = this.#pace.read();
		this.silence = reading.silence;
		if (reading.ratePerMinute === undefined) return;
		this.ratePerMinute = reading.ratePerMinute;
		this.etaSeconds = reading.etaSeconds;
	}
}

const runners: Record<string, GenerationRunner> = {};

/**
 * The one runner per study for this tab, so leaving the study page and coming back shows the
 * run still going. It refreshes from storage on each call, after the caller's render.
 */
export function runnerFor(studyId: string): GenerationRunner {
	const runner = (runners[studyId] ??= new GenerationRunner(studyId));
	queueMicrotask(() => void runner.load());
	return runner;
}
