// size-cap: one rater's session is one state machine (open, edit, commit, undo, reveal); its
// parts with an idea of their own (drafts, the tab lock, the decision clock) live beside it.
// One rater working through one study. The session holds the only copy of the side assignment the
// UI ever touches: the view reads `trial` (a BlindTrial, with no endpoint in it) and the form runes,
// and calls one method per action. A judgment is committed in one transaction BEFORE the next trial
// is shown; if that fails the rater sees why and the form stays as it was. The half-filled form is
// saved as a draft on every change (no pause), so a reload, crash or next-day return resumes exactly
// there; the rater's order is recomputed from the study seed and rater id: no stored cursor needed.
import type { BlindTrial } from '$lib/core/blinding/blind-trial';
import { nowIso, systemClock, type Clock } from '$lib/core/clock';
import { newId as defaultNewId, type IdFactory } from '$lib/core/ids';
import { buildJudgment, missingAnswer, type JudgmentForm } from '$lib/core/plan/resolve-judgment';
import type {
	Draft,
	Judgment,
	OverallChoice,
	Side,
	SideFlag,
	TraitChoice,
	Trial
} from '$lib/core/schema';
import { loadSchemas } from '$lib/core/schema/load';
import { APP_VERSION } from '$lib/app/version';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import {
	commitJudgment,
	draftKey,
	saveDraft,
	undoLastJudgment,
	VerdictExistsError
} from '$lib/db/repos/judgments';
import { loadJudgingSnapshot, saveTrialPreparation } from '$lib/db/repos/trials';
import { backdate, TrialBook } from './trial-book';
import { JudgingLock } from './rater-lock';
import { DecisionClock } from './decision-clock';
import { DraftSaver, type DraftState } from './draft-saver.svelte';
import { laterDraft, sessionDraftMirror, type DraftMirror } from './draft-mirror';

export type { DraftState };

/** 'elsewhere': another tab or window judges this study as this rater (see rater-lock.ts). */
export type SessionStatus =
	| 'idle'
	| 'loading'
	| 'judging'
	| 'revealed'
	| 'finished'
	| 'waiting'
	| 'missing'
	| 'error'
	| 'elsewhere';

export interface Reveal {
	left: string;
	right: string;
	overall: OverallChoice | null;
}

export interface JudgingDeps {
	db?: () => ArenaDB;
	clock?: Clock;
	/** Monotonic milliseconds, for decision times. */
	now?: () => number;
	newId?: IdFactory;
	draftDelayMs?: number;
	/** Where each edit is copied at once (default: the tab's sessionStorage). */
	draftMirror?: DraftMirror;
}

/** Used for the time estimate until the rater has judged something. */
export const DEFAULT_TRIAL_MS = 45_000;

const EMPTY_FLAGS = { left: [], right: [] };
const JUDGED_ELSEWHERE =
	'That trial was already judged in another tab or window, so this choice was not recorded twice.';

export class JudgingSession {
	status = $state<SessionStatus>('idle');
	trial = $state.raw<BlindTrial | undefined>(undefined);
	overall = $state<OverallChoice | null>(null);
	traitChoices = $state.raw<Record<string, TraitChoice>>({});
	flags = $state.raw<{ left: SideFlag[]; right: SideFlag[] }>(EMPTY_FLAGS);
	rationale = $state('');
	/** Why the last action failed (storage error or a missing answer); the form is kept. */
	error = $state<string | undefined>(undefined);
	saving = $state(false);
	reveal = $state.raw<Reveal | undefined>(undefined);
	studyName = $state('');
	instructions = $state('');
	studyTraits = $state.raw<string[]>([]); // the study's traits: one order and keys for all trials
	position = $state(0); // the trial on screen (kept while its reveal is shown)
	done = $state(0);
	total = $state(0);
	/** Trials not judged yet whose answers are not all generated. */
	notReady = $state(0);

	#decisions = $state.raw<number[]>([]);
	remainingMs = $derived.by(() => {
		const sorted = [...this.#decisions].sort((a, b) => a - b);
		const typical = sorted.length ? (sorted[Math.floor(sorted.length / 2)] ?? 0) : DEFAULT_TRIAL_MS;
		return Math.max(0, this.total - this.done) * typical;
	});

	readonly #db: () => ArenaDB;
	readonly #clock: Clock;
	readonly #newId: IdFactory;

	#book: TrialBook | undefined;
	#raterId = '';
	#current: Trial | undefined;
	#startedAt = '';
	readonly #clockOfDecision: DecisionClock;
	readonly #drafts: DraftSaver;
	readonly #lock = new JudgingLock();

	constructor(deps: JudgingDeps = {}) {
		this.#db = deps.db ?? getDb;
		this.#clock = deps.clock ?? systemClock;
		this.#clockOfDecision = new DecisionClock(deps.now ?? (() => performance.now()));
		this.#newId = deps.newId ?? defaultNewId;
		this.#drafts = new DraftSaver(
			(draft) => saveDraft(this.#db(), draft),
			deps.draftDelayMs ?? 0,
			(error) => (this.error = describeStorageError(error)),
			deps.draftMirror ?? sessionDraftMirror()
		);
	}

	get raterId(): string {
		return this.#raterId;
	}

	get studyId(): string | undefined {
		return this.#book?.study.id;
	}

	get draftState(): DraftState {
		return this.#drafts.state;
	}

	async open(studyId: string, raterId: string, takeOver = false): Promise<void> {
		this.#drafts.cancel();
		this.status = 'loading';
		this.error = undefined;
		this.reveal = undefined;
		if (!(await this.#lock.take(studyId, raterId, takeOver, () => this.#lostLock()))) {
			this.status = 'elsewhere';
			return;
		}
		try {
			// The schemas load beside the snapshot, and the form is shown only once both are here, so
			// that a draft written in the first instant (just before a reload) waits for nothing.
			const [snapshot, { DraftSchema }] = await Promise.all([
				loadJudgingSnapshot(this.#db(), studyId, raterId),
				loadSchemas()
			]);
			if (!snapshot) {
				this.status = 'missing';
				return;
			}
			const book = new TrialBook(snapshot, raterId, nowIso(this.#clock));
			const { degraded, leakFlags } = book.preparation;
			if (degraded.length || leakFlags.length) {
				// Derived data: if it cannot be stored now, it is recomputed on the next open.
				await saveTrialPreparation(this.#db(), book.preparation).catch(() => undefined);
			}
			this.#book = book;
			this.#raterId = raterId;
			this.#decisions = snapshot.judgments
				.filter((judgment) => judgment.overall !== null)
				.map((judgment) => judgment.decisionMs);
			this.studyName = book.study.name;
			this.instructions = book.study.instructions;
			this.studyTraits = book.traits;
			this.total = book.order.length;
			this.done = book.judgedCount;
			// An edit whose IndexedDB write a reload cut off is still in the tab's mirror.
			const mirrored = DraftSchema.safeParse(this.#drafts.mirrored(draftKey(studyId, raterId)));
			const draft = laterDraft(snapshot.draft, mirrored.success ? mirrored.data : undefined);
			this.#advance(draft);
			if (draft && draft !== snapshot.draft && this.trial?.trialId === draft.trialId)
				await this.#drafts.save(() => this.#draft());
		} catch (error) {
			this.status = 'error';
			this.error = describeStorageError(error);
		}
	}

	choose(overall: OverallChoice): void {
		if (!this.#editable()) return;
		this.overall = overall;
		this.#touched();
	}

	chooseTrait(trait: string, choice: TraitChoice): void {
		if (!this.#editable()) return;
		this.traitChoices = { ...this.traitChoices, [trait]: choice };
		this.#touched();
	}

	toggleFlag(side: Side, flag: SideFlag): void {
		if (!this.#editable()) return;
		const current = this.flags[side];
		const next = current.includes(flag) ? current.filter((f) => f !== flag) : [...current, flag];
		this.flags = { ...this.flags, [side]: next };
		this.#touched();
	}

	setRationale(text: string): void {
		if (!this.#editable()) return;
		this.rationale = text;
		this.#touched();
	}

	/** Tab hidden or shown: hidden time does not count towards the decision time. */
	setHidden(hidden: boolean): void {
		this.#clockOfDecision.setHidden(hidden);
	}

	async submit(): Promise<boolean> {
		if (this.status === 'revealed') {
			this.next();
			return true;
		}
		if (!this.#editable()) return false;
		const problem = this.trial ? missingAnswer(this.trial, this.#form()) : 'No trial to judge.';
		if (problem) {
			this.error = problem;
			return false;
		}
		return this.#commit({ ...this.#form(), skipReason: null });
	}

	async skip(reason: string): Promise<boolean> {
		if (!this.#editable()) return false;
		const trimmed = reason.trim();
		if (!trimmed) {
			this.error = 'Say briefly why you skip this trial.';
			return false;
		}
		return this.#commit({ ...this.#form(), overall: null, skipReason: trimmed.slice(0, 500) });
	}

	/** After a reveal: on to the next trial. */
	next(): void {
		if (this.status !== 'revealed') return;
		this.reveal = undefined;
		this.#advance();
	}

	/** Takes back the rater's latest judgment and puts its answers back in the form. */
	async undo(): Promise<boolean> {
		const book = this.#book;
		if (this.saving || !book) return false;
		this.saving = true;
		this.error = undefined;
		this.#drafts.cancel();
		try {
			const last = await undoLastJudgment(this.#db(), book.study.id, this.#raterId);
			const trial = last && book.find(last.trialId);
			if (!last || !trial) return false;
			book.markJudged(last.trialId, false);
			this.done = book.judgedCount;
			if (last.overall !== null) this.#decisions = this.#decisions.slice(0, -1);
			this.reveal = undefined;
			this.#show(trial, {
				overall: last.overall,
				traitChoices: last.traitChoices,
				flags: last.flags,
				rationale: last.rationale,
				activeMs: last.decisionMs,
				// Backdated by the time already spent, so a reload keeps counting from there.
				startedAt: backdate(nowIso(this.#clock), last.decisionMs)
			});
			await this.#drafts.save(() => this.#draft());
			return true;
		} catch (error) {
			this.error = describeStorageError(error);
			return false;
		} finally {
			this.saving = false;
		}
	}

	/** Writes a pending draft now (before unload, and in tests). */
	flushDraft(): Promise<void> {
		return this.#drafts.flush();
	}

	/** Judging moves to this tab; the tab that had it is told it no longer does. */
	takeOver(studyId: string, raterId: string): Promise<void> {
		return this.open(studyId, raterId, true);
	}

	close(): void {
		void this.flushDraft().finally(() => this.#lock.release());
	}

	#lostLock(): void {
		// The other tab has the rater's draft now; writing ours would overwrite it.
		this.#drafts.cancel();
		this.#current = undefined;
		this.trial = undefined;
		this.status = 'elsewhere';
	}

	#editable(): boolean {
		return this.status === 'judging' && !this.saving && this.#current !== undefined;
	}

	#form(): Omit<JudgmentForm, 'skipReason'> {
		return {
			overall: this.overall,
			traitChoices: this.traitChoices,
			flags: this.flags,
			rationale: this.rationale
		};
	}

	async #commit(form: JudgmentForm): Promise<boolean> {
		const trial = this.#current;
		const book = this.#book;
		if (!trial || !book) return false;
		this.saving = true;
		this.error = undefined;
		this.#drafts.cancel();
		const judgment: Judgment = buildJudgment(trial, form, {
			id: this.#newId(),
			app: APP_VERSION,
			raterId: this.#raterId,
			decisionMs: this.#clockOfDecision.elapsed(),
			at: nowIso(this.#clock)
		});
		try {
			await commitJudgment(this.#db(), judgment);
		} catch (error) {
			this.saving = false;
			if (error instanceof VerdictExistsError) return this.#judgedElsewhere(trial.id);
			this.error = describeStorageError(error);
			this.#touched();
			return false;
		}
		book.markJudged(trial.id, true);
		this.done = book.judgedCount;
		if (judgment.overall !== null) this.#decisions = [...this.#decisions, judgment.decisionMs];
		this.#drafts.cancel('idle');
		this.#drafts.forget(draftKey(book.study.id, this.#raterId));
		this.saving = false;
		if (book.study.revealPolicy === 'after-vote' && judgment.overall !== null) {
			this.reveal = {
				left: book.label(trial.leftEndpointId),
				right: book.label(trial.rightEndpointId),
				overall: judgment.overall
			};
			this.status = 'revealed';
			this.#clockOfDecision.stop();
		} else {
			this.#advance();
		}
		return true;
	}

	/** Judged meanwhile in another tab or window of this rater: move past it. */
	#judgedElsewhere(trialId: string): boolean {
		this.#book?.markJudged(trialId, true);
		this.done = this.#book?.judgedCount ?? this.done;
		this.#advance();
		this.error = JUDGED_ELSEWHERE;
		return false;
	}

	#advance(draft?: Draft): void {
		const { next, open, notReady } = this.#book?.nextTrial() ?? { open: 0, notReady: 0 };
		this.notReady = notReady;
		if (!next) {
			this.#current = undefined;
			this.trial = undefined;
			this.status = open ? 'waiting' : 'finished';
			return;
		}
		const restored = draft?.trialId === next.id ? draft : undefined;
		this.#show(next, {
			overall: restored?.overall ?? null,
			traitChoices: restored?.traitChoices ?? {},
			flags: restored?.flags ?? EMPTY_FLAGS,
			rationale: restored?.rationale ?? '',
			// Time before a reload is known only up to the last saved edit.
			activeMs: restored
				? Math.max(0, Date.parse(restored.updatedAt) - Date.parse(restored.startedAt))
				: 0,
			startedAt: restored?.startedAt ?? nowIso(this.#clock)
		});
		this.#drafts.cancel(restored ? 'saved' : 'idle');
	}

	#show(
		trial: Trial,
		form: Omit<JudgmentForm, 'skipReason'> & { activeMs: number; startedAt: string }
	): void {
		const blind = this.#book?.blind(trial);
		if (!blind) return;
		this.#current = trial;
		this.trial = blind;
		this.position = (this.#book?.judgedCount ?? 0) + 1;
		this.overall = form.overall;
		this.traitChoices = { ...form.traitChoices };
		this.flags = { left: [...form.flags.left], right: [...form.flags.right] };
		this.rationale = form.rationale;
		this.#startedAt = form.startedAt;
		this.#clockOfDecision.start(form.activeMs);
		this.status = 'judging';
	}

	#touched(): void {
		this.#drafts.touched(() => this.#draft());
	}

	/** The form on screen as a draft (nothing while no trial is being judged). */
	#draft(): Draft | undefined {
		const trial = this.#current;
		const study = this.#book?.study;
		if (!trial || !study || this.status !== 'judging') return undefined;
		return {
			key: draftKey(study.id, this.#raterId),
			trialId: trial.id,
			overall: this.overall,
			traitChoices: { ...this.traitChoices },
			flags: { left: [...this.flags.left], right: [...this.flags.right] },
			rationale: this.rationale,
			startedAt: this.#startedAt,
			updatedAt: nowIso(this.#clock)
		};
	}
}
