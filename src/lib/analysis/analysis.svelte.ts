// The Results view's state: one study's export records as a live query (re-read whenever a
// judgment is added, in this tab or another), the reader's choices (what to include, the power
// target), and the analysis derived from both. The analysis is the same pure core function
// `npm run analyze` runs; on the main thread it takes well under a second for 100,000 judgments
// (bench/export-analysis.bench.ts), so no worker is needed to keep the page responsive.
import { analyzeStudy, type StudyAnalysis } from '$lib/core/analysis/analyze';
import { ofRaterKind } from '$lib/core/analysis/votes';
import { judgeAgreement, type JudgeAgreement } from '$lib/core/analysis/judge-agreement';
import { humanEffort, type HumanEffort } from '$lib/core/analysis/human-effort';
import { DEFAULT_POWER } from '$lib/core/analysis/power-plan';
import { studyRecordsQuery } from '$lib/db/queries.svelte';

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

	readonly #records: ReturnType<typeof studyRecordsQuery>;

	/** Call during component initialisation (it opens a live query). */
	constructor(studyId: () => string | undefined) {
		this.#records = studyRecordsQuery(studyId);
	}

	get loading(): boolean {
		return this.#records.loading;
	}

	get error(): string | undefined {
		const error: unknown = this.#records.error;
		if (error === undefined) return undefined;
		return error instanceof Error ? error.message : String(error);
	}

	/** Judgments left out because their trial, item or responses are missing. */
	get incomplete(): number {
		return this.#records.current?.incomplete.length ?? 0;
	}

	readonly analysis: StudyAnalysis | undefined = $derived.by(() => {
		const records = this.#records.current?.records;
		if (!records?.some((record) => ofRaterKind(record, 'human'))) return undefined;
		return analyzeStudy(records, {
			includeAttention: this.includeAttention,
			includeLeakFlagged: this.includeLeakFlagged,
			includeSwaps: this.includeSwaps,
			targetWinRate: this.targetWinRate,
			alpha: this.alpha,
			power: this.power,
			excludeRaters: this.excludedRater === undefined ? [] : [this.excludedRater],
			raterKind: this.includeModelJudges ? 'all' : 'human'
		});
	});

	/** Each model judge against the human raters; empty when no judge has run. */
	readonly judges: JudgeAgreement[] = $derived.by(() => {
		const records = this.#records.current?.records;
		if (!records?.some((record) => ofRaterKind(record, 'model'))) return [];
		return judgeAgreement(records, {
			includeAttention: this.includeAttention,
			includeLeakFlagged: this.includeLeakFlagged,
			includeSwaps: this.includeSwaps
		});
	});

	/** What a judge-plus-humans design would have saved on this study's own votes. */
	readonly humanEffort: HumanEffort | undefined = $derived.by(() => {
		if (this.judges.length === 0) return undefined;
		return humanEffort(this.#records.current?.records ?? [], {
			includeAttention: this.includeAttention,
			includeLeakFlagged: this.includeLeakFlagged,
			includeSwaps: this.includeSwaps
		});
	});

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
}
