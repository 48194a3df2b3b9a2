// One tab generates a study at a time. Response ids are derived, so two tabs could never store a
// response twice, but both would send (and pay for) every request. A Web Lock per study, taken
// only if free, makes the second tab say so instead; the lock ends with the run or the tab.

/** Runs `work` holding the study's lock; resolves false, without running it, when another has it. */
export type ExclusiveRun = (studyId: string, work: () => Promise<void>) => Promise<boolean>;

/** A Web Lock per study under the given name (generation and judge runs use separate ones). */
export function browserExclusive(lockName: (studyId: string) => string): ExclusiveRun {
	return async (studyId, work) => {
		const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
		// Without the Locks API (old browsers, tests in Node) a run is simply not guarded.
		if (!locks) {
			await work();
			return true;
		}
		return locks.request(lockName(studyId), { ifAvailable: true }, async (lock) => {
			if (!lock) return false;
			await work();
			return true;
		});
	};
}

export const browserExclusiveRun: ExclusiveRun = browserExclusive(generationLockName);

export function generationLockName(studyId: string): string {
	return `trait-arena:generation:${studyId}`;
}

export const BUSY_ELSEWHERE =
	'Another tab or window is generating this study right now. Let it finish there (or close it), then generate again here.';
