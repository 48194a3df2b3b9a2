// Runs one model judge over a study: every main trial in both orders, reconciled and stored as a
// model judgment. Shaped like generation: the database is the truth about what is finished (a
// trial with a stored verdict from this judge is done), so a reload resumes where the run stopped
// and a rerun never sends a finished trial again; pause lets requests in flight finish; cancel
// aborts them; one tab per study at a time (a Web Lock of its own, apart from generation's).
// Structured output is asked for first; a server that refuses the response format is asked again
// without it, and the reply is then parsed strictly all the same.
import { APP_VERSION } from '$lib/app/version';
import { nowIso, systemClock, type Clock } from '$lib/core/clock';
import { judgeTrial } from '$lib/core/judge/judge-trial';
import { DEFAULT_JUDGE_TEMPLATE, missingPlaceholders } from '$lib/core/judge/prompt';
import { verdictJsonSchema } from '$lib/core/judge/verdict';
import type { Endpoint, Message } from '$lib/core/schema';
import { ProviderError, type ChatStreamer } from '$lib/core/stream/events';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { recordJudge, saveJudgeTemplate, setHumansFirst } from '$lib/db/repos/judge';
import { commitJudgment } from '$lib/db/repos/judgments';
import { loadJudgingSnapshot } from '$lib/db/repos/trials';
import { missingKeysProblem } from '$lib/generation/missing-keys';
import { RunControl, type RunState } from '$lib/generation/run-control.svelte';
import { browserExclusive, type ExclusiveRun } from '$lib/generation/study-lock';
import { keyVault } from '$lib/providers/key-vault.svelte';
import { streamerFor } from '$lib/providers/streamer-for';
import { estimateJudgeRun, judgeTasks, type JudgeEstimate, type JudgeTask } from './judge-plan';
import { judgeJudgment, judgeRaterId } from './judge-judgment';

export const JUDGE_BUSY_ELSEWHERE =
	'Another tab or window is running a judge on this study right now. Let it finish there, then run the judge here.';

export interface JudgeRunnerOptions {
	db?: () => ArenaDB;
	streamerFor?: (endpoint: Endpoint) => Promise<ChatStreamer>;
	keyFor?: (endpointId: string) => Promise<string | undefined>;
	clock?: Clock;
	now?: () => number;
	concurrency?: number;
	exclusive?: ExclusiveRun;
}

export class JudgeRunner {
	loaded = $state(false);
	total = $state(0);
	done = $state(0);
	inconsistent = $state(0);
	failures = $state.raw<{ trialId: string; message: string }[]>([]);
	estimate = $state.raw<JudgeEstimate | undefined>(undefined);
	judge = $state.raw<Endpoint | undefined>(undefined);
	problem = $state<string | undefined>(undefined);
	/** Undefined until a judge has run on the study (the setting lives with the judge settings). */
	humansFirst = $state<boolean | undefined>(undefined);

	#options: Required<JudgeRunnerOptions>;
	#tasks: JudgeTask[] = [];
	template = $state(DEFAULT_JUDGE_TEMPLATE);
	#instructions = '';
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#finished = new Set<string>();
	readonly #control = new RunControl();
	#structured = true;

	constructor(
		readonly studyId: string,
		readonly judgeEndpointId: string,
		options: JudgeRunnerOptions = {}
	) {
		this.#options = {
			db: getDb,
			streamerFor,
			keyFor: (id) => keyVault.get(id),
			clock: systemClock,
			now: () => performance.now(),
			concurrency: 2,
			exclusive: browserExclusive((id) => `trait-arena:judge:${id}`),
			...options
		};
	}

	get state(): RunState {
		return this.#control.state;
	}

	get running(): boolean {
		return this.#control.running;
	}

	/** Reads the study and this judge's stored verdicts (no-op while running). */
	async load(): Promise<void> {
		if (this.running) return;
		try {
			const db = this.#options.db();
			const [snapshot, judge] = await Promise.all([
				loadJudgingSnapshot(db, this.studyId, judgeRaterId(this.judgeEndpointId)),
				db.endpoints.get(this.judgeEndpointId)
			]);
			if (!snapshot) return void (this.problem = 'This study no longer exists.');
			if (!judge) return void (this.problem = 'The judge endpoint was deleted.');
			this.judge = judge;
			this.template = snapshot.study.judge?.template ?? DEFAULT_JUDGE_TEMPLATE;
			this.humansFirst = snapshot.study.judge && (snapshot.study.judge.humansFirst ?? false);
			this.#instructions = snapshot.study.instructions;
			this.#tasks = judgeTasks(snapshot.study, snapshot.trials, snapshot.items, snapshot.responses);
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- never read by a view
			this.#finished = new Set(snapshot.judgments.map((judgment) => judgment.trialId));
			this.inconsistent = snapshot.judgments.filter(
				(judgment) => judgment.judgeOrders?.consistent === false
			).length;
			this.total = this.#tasks.length;
			this.done = this.#tasks.filter((task) => this.#finished.has(task.trial.id)).length;
			this.estimate = estimateJudgeRun(
				this.#tasks.filter((task) => !this.#finished.has(task.trial.id)),
				this.template,
				this.#instructions
			);
		} catch (error) {
			this.problem = describeStorageError(error);
		} finally {
			this.loaded = true;
		}
	}

	/** Stores a new judge prompt (refused once a judge has given verdicts with the current one). */
	async saveTemplate(template: string): Promise<boolean> {
		const missing = missingPlaceholders(template);
		if (missing.length > 0) {
			this.problem = `The judge prompt needs ${missing.join(' and ')}: it is where the trial goes.`;
			return false;
		}
		try {
			await saveJudgeTemplate(this.#options.db(), this.studyId, template.trim());
			this.template = template.trim();
			this.problem = undefined;
			return true;
		} catch (error) {
			this.problem = error instanceof Error ? error.message : describeStorageError(error);
			return false;
		}
	}

	/** Human raters get the trials the judges doubt first (or back to the plain seeded order). */
	async setHumansFirst(on: boolean): Promise<void> {
		try {
			await setHumansFirst(this.#options.db(), this.studyId, on);
			this.humansFirst = on;
		} catch (error) {
			this.problem = describeStorageError(error);
		}
	}

	/** Judges every trial without a verdict from this judge (also the way to resume). */
	start(): Promise<void> {
		return this.#run();
	}

	/** Judges again the trials whose last attempt failed. */
	retryFailed(): Promise<void> {
		return this.#run();
	}

	pause(): void {
		this.#control.pause();
	}

	resume(): void {
		this.#control.resume();
	}

	cancel(): void {
		this.#control.cancel();
	}

	async #run(): Promise<void> {
		if (this.running) return;
		this.problem = undefined;
		await this.load();
		const judge = this.judge;
		if (!judge || this.problem) return;
		const keyProblem = await missingKeysProblem([judge], this.#options.keyFor);
		if (keyProblem) return void (this.problem = keyProblem);
		try {
			await recordJudge(this.#options.db(), this.studyId, judge.id, this.template);
			this.humansFirst ??= false;
		} catch (error) {
			return void (this.problem = describeStorageError(error));
		}
		const queue = this.#tasks.filter((task) => !this.#finished.has(task.trial.id));
		this.failures = [];
		this.#control.begin();
		const ran = await this.#options.exclusive(this.studyId, async () => {
			const width = Math.max(1, Math.min(this.#options.concurrency, queue.length));
			await Promise.all(Array.from({ length: width }, () => this.#worker(judge, queue)));
		});
		if (!ran) {
			this.problem = JUDGE_BUSY_ELSEWHERE;
			this.#control.refuse();
			return;
		}
		this.#control.end();
	}

	async #worker(judge: Endpoint, queue: JudgeTask[]): Promise<void> {
		for (;;) {
			if (!(await this.#control.proceed())) return;
			const task = queue.shift();
			if (!task) return;
			try {
				await this.#judge(judge, task);
			} catch (error) {
				this.problem ??= describeStorageError(error);
				return this.cancel();
			}
		}
	}

	async #judge(judge: Endpoint, task: JudgeTask): Promise<void> {
		const started = this.#options.now();
		const controller = this.#control.open();
		let result;
		try {
			const streamer = await this.#options.streamerFor(judge);
			const key = await this.#options.keyFor(judge.id);
			const ask = (messages: Message[]) =>
				this.#ask(streamer, judge, key, messages, task.blind.traits, controller.signal);
			result = await judgeTrial(task.blind, this.template, this.#instructions, ask);
		} catch (error) {
			if (this.#control.cancelled) return;
			result = { ok: false as const, error: `Trial ${task.trial.id}: ${messageOf(error)}` };
		} finally {
			this.#control.close(controller);
		}
		if (!result.ok) {
			this.failures = [...this.failures, { trialId: task.trial.id, message: result.error }];
			return;
		}
		const judgment = judgeJudgment({
			trial: task.trial,
			judgeEndpointId: judge.id,
			...result,
			app: APP_VERSION,
			decisionMs: this.#options.now() - started,
			at: nowIso(this.#options.clock)
		});
		await commitJudgment(this.#options.db(), judgment);
		this.#finished.add(task.trial.id);
		this.done++;
		if (!result.reconciled.consistent) this.inconsistent++;
	}

	async #ask(
		streamer: ChatStreamer,
		judge: Endpoint,
		key: string | undefined,
		messages: Message[],
		traits: string[],
		signal: AbortSignal
	): Promise<string> {
		const request = { endpoint: judge, key, messages };
		if (this.#structured) {
			try {
				const responseFormat = {
					type: 'json_schema' as const,
					json_schema: verdictJsonSchema(traits)
				};
				return await collect(streamer({ ...request, responseFormat }, { signal }));
			} catch (error) {
				if (!(error instanceof ProviderError) || error.kind !== 'bad-request') throw error;
				// The server does not take a response format: ask plainly and parse strictly.
				this.#structured = false;
			}
		}
		return collect(streamer(request, { signal }));
	}
}

async function collect(events: AsyncIterable<{ type: string; text?: string }>): Promise<string> {
	let text = '';
	for await (const event of events) if (event.type === 'delta') text += event.text ?? '';
	return text;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

const runners: Record<string, JudgeRunner> = {};

/** One runner per (study, judge) for this tab, so leaving the page keeps the run going. */
export function judgeRunnerFor(studyId: string, judgeEndpointId: string): JudgeRunner {
	const runner = (runners[`${studyId}|${judgeEndpointId}`] ??= new JudgeRunner(
		studyId,
		judgeEndpointId
	));
	queueMicrotask(() => void runner.load());
	return runner;
}
