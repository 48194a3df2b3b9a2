// The Results view's state: the reader's choices (what to include, the power target, a rater left
// out) and the analysis of one study for them. The analysis is the same pure core function
// `npm run analyze` runs, computed with the study's records in a worker (analysis-worker-api.ts),
// so the page stays responsive however large the study; a live query on the study says when its
// data changed (a judgment added in this tab or another), and the worker reads it again then.
import type { AnalysisOptions, StudyAnalysis } from '$lib/core/analysis/analyze';
import type { JudgeAgreement } from '$lib/core/analysis/judge-agreement';
import type { HumanEffort } from '$lib/core/analysis/human-effort';
import { DEFAULT_POWER } from '$lib/core/analysis/power-plan';
import { getDb } from '$lib/db/db';
import { studyVersionQuery } from '$lib/db/queries.svelte';
import { AnalysisWorker } from './analysis-in-worker';

export class StudyResults {
	includeAttention = $state(false);
	includeLeakFlagged = $state(false);
	includeSwaps = $state(false);
	/** Off by default: model judges are compared with humans apart, never mixed in unasked. */
	includeModelJudges = $state(false);
	targetWinRate = $state(DEFAULT_POWER.targetWinRate);
	alpha = $state(DEFAULT_POWER.alpha);
	power = $state(DEFAULT_POWER.power);
	/** The "without this rater" view: one rater left out of everything. */
	excludedRater = $state<string | undefined>(undefined);

	/** Undefined while loading, or while the study has no human judgments. */
	analysis = $state.raw<StudyAnalysis | undefined>(undefined);
	/** Each model judge against the human raters; empty when no judge has run. */
	judges = $state.raw<JudgeAgreement[]>([]);
	/** What a judge-plus-humans design would have saved on this study's own votes. */
	humanEffort = $state.raw<HumanEffort | undefined>(undefined);
	/** Judgments left out because their trial, item or responses are missing. */
	incomplete = $state(0);
	#computing = $state(true);
	#failure = $state<string | undefined>(undefined);

	readonly #version: ReturnType<typeof studyVersionQuery>;
	readonly #worker = new AnalysisWorker();
	/** Only the newest request's answer is shown. */
	#latest = 0;
	#shownStudy: string | undefined;

	/** Call during component initialisation (it opens a live query and an effect). */
	constructor(studyId: () => string | undefined) {
		this.#version = studyVersionQuery(studyId);
		$effect(() => {
			const id = studyId();
			const version = this.#version.current;
			const options = this.#options();
			if (!id || version === undefined) return;
			void this.#analyse(id, version, options);
		});
		$effect(() => () => this.#worker.dispose());
	}

	get loading(): boolean {
		return this.#version.loading || this.#computing;
	}

	get error(): string | undefined {
		const error: unknown = this.#version.error;
		if (error !== undefined) return error instanceof Error ? error.message : String(error);
		return this.#failure;
	}

	withoutRater(raterId: string): void {
		this.excludedRater = raterId;
	}

	withAllRaters(): void {
		this.excludedRater = undefined;
	}

	/** Sets the power target from a form (percent or share); ignores values out of range. */
	setTarget(value: number): void {
		const share = value > 1 ? value / 100 : value;
		if (share > 0.5 && share < 1) this.targetWinRate = share;
	}

	#options(): AnalysisOptions {
		return {
			includeAttention: this.includeAttention,
			includeLeakFlagged: this.includeLeakFlagged,
			includeSwaps: this.includeSwaps,
			targetWinRate: this.targetWinRate,
			alpha: this.alpha,
			power: this.power,
			excludeRaters: this.excludedRater === undefined ? [] : [this.excludedRater],
			raterKind: this.includeModelJudges ? 'all' : 'human'
		};
	}

	async #analyse(studyId: string, version: number, options: AnalysisOptions): Promise<void> {
		const request = ++this.#latest;
		this.#computing = true;
		// Another study's figures never stand under this one's name while it loads.
		if (studyId !== this.#shownStudy) {
			this.analysis = undefined;
			this.judges = [];
			this.humanEffort = undefined;
		}
		this.#shownStudy = studyId;
		try {
			const reply = await this.#worker.analyse({
				database: getDb().name,
				studyId,
				version,
				options
			});
			if (request !== this.#latest) return;
			this.analysis = reply.analysis;
			this.judges = reply.judges;
			this.humanEffort = reply.humanEffort;
			this.incomplete = reply.incomplete;
			this.#failure = undefined;
		} catch (error) {
			if (request === this.#latest)
				this.#failure = error instanceof Error ? error.message : String(error);
		} finally {
			if (request === this.#latest) this.#computing = false;
		}
	}
}
