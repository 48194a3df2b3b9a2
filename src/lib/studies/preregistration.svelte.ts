// The pre-registration form on a study's page: which primary hypotheses to lock, at what level,
// and the lock itself (once, before the first judgment). The plan shown beside it is the power
// plan for exactly that family, so the researcher sees what the lock will cost in judgments.
import { systemClock, nowIso, type Clock } from '$lib/core/clock';
import { candidateHypotheses, lockPreregistration } from '$lib/core/analysis/preregistration';
import { DEFAULT_POWER, powerPlan, type PowerPlan } from '$lib/core/analysis/power-plan';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import {
	lockStudyPreregistration,
	PreregistrationError,
	proposedHypotheses,
	studyTraits
} from '$lib/db/repos/preregistration';

export class PreregistrationForm {
	candidates = $state<string[]>([]);
	selected = $state<string[]>([]);
	alpha = $state(0.05);
	/** Assumptions for the plan until the study has its own votes. */
	designEffect = $state(DEFAULT_POWER.designEffect);
	tiePercent = $state(DEFAULT_POWER.tieRate * 100);
	busy = $state(false);
	error = $state<string | undefined>(undefined);

	readonly #db: () => ArenaDB;
	readonly #clock: Clock;

	constructor(
		private readonly studyId: string,
		deps: { db?: () => ArenaDB; clock?: Clock } = {}
	) {
		this.#db = deps.db ?? getDb;
		this.#clock = deps.clock ?? systemClock;
	}

	/**
	 * Offers one hypothesis per trait the items probe, plus those the study's design proposes.
	 * The design's proposal is chosen by default; without one, every trait is.
	 */
	async load(): Promise<void> {
		const [traits, proposed] = await Promise.all([
			studyTraits(this.#db(), this.studyId),
			proposedHypotheses(this.#db(), this.studyId)
		]);
		const candidates = candidateHypotheses(traits);
		this.candidates = [...candidates, ...proposed.filter((p) => !candidates.includes(p))];
		this.selected =
			proposed.length > 0
				? [...proposed]
				: this.candidates.filter((category) => category.startsWith('trait:'));
		if (this.selected.length === 0) this.selected = ['overall'];
	}

	toggle(category: string): void {
		this.selected = this.selected.includes(category)
			? this.selected.filter((entry) => entry !== category)
			: [...this.selected, category];
	}

	get plan(): PowerPlan {
		return powerPlan(
			this.selected.map((category) => ({ category, judged: 0 })),
			{
				alpha: this.alpha,
				designEffect: this.designEffect >= 1 ? this.designEffect : DEFAULT_POWER.designEffect,
				tieRate:
					this.tiePercent >= 0 && this.tiePercent < 95
						? this.tiePercent / 100
						: DEFAULT_POWER.tieRate
			}
		);
	}

	async lock(): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.error = undefined;
		try {
			const lockedAt = nowIso(this.#clock);
			await lockStudyPreregistration(this.#db(), this.studyId, (study) =>
				lockPreregistration(study.id, { hypotheses: this.selected, alpha: this.alpha }, lockedAt)
			);
		} catch (cause) {
			this.error =
				cause instanceof PreregistrationError || cause instanceof RangeError
					? cause.message
					: describeStorageError(cause);
		} finally {
			this.busy = false;
		}
	}
}
