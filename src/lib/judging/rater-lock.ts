// One tab judges a study as a given rater at a time. Two tabs would show the same trial and both
// would try to commit a verdict for it (the commit refuses the second, but the rater's work in it
// is wasted). A Web Lock per (study, rater) makes the second tab say where judging goes on, and
// lets the rater move it here: taking the lock over tells the first tab it has lost it.

export interface RaterLock {
	/** Lets the next tab judge. */
	release(): void;
	/** Resolves if another tab takes the lock over. */
	readonly lost: Promise<void>;
}

export function raterLockName(studyId: string, raterId: string): string {
	return `trait-arena:judging:${studyId}:${raterId}`;
}

const NEVER = new Promise<void>(() => undefined);

/**
 * Takes the lock if it is free (or, with `takeOver`, from the tab that holds it); resolves
 * undefined when another tab holds it. Without the Locks API (old browsers, Node) judging is
 * not guarded: the commit's one-verdict rule still holds.
 */
export function acquireRaterLock(
	studyId: string,
	raterId: string,
	mode: 'if-free' | 'take-over' = 'if-free'
): Promise<RaterLock | undefined> {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	if (!locks) return Promise.resolve({ release: () => undefined, lost: NEVER });
	return new Promise((resolve) => {
		let release!: () => void;
		const released = new Promise<void>((done) => (release = done));
		let markLost!: () => void;
		const lost = new Promise<void>((done) => (markLost = done));
		const options: LockOptions = mode === 'take-over' ? { steal: true } : { ifAvailable: true };
		locks
			.request(raterLockName(studyId, raterId), options, async (lock) => {
				if (!lock) return resolve(undefined);
				resolve({ release, lost });
				await released;
			})
			// A lock taken over ends its holder's request with an AbortError.
			.catch(() => markLost());
	});
}

/** The tab's lock per name, shared by its sessions (a judging view shown again reuses it). */
interface TabLock {
	lock: Promise<RaterLock | undefined>;
	users: Set<JudgingLock>;
}
const tabLocks = new Map<string, TabLock>();

/**
 * A reloaded page asks for the lock while the browser may still be letting go of the one its
 * previous document held: a lock that stays taken for a couple of seconds is another tab's.
 */
async function patientlyIfFree(studyId: string, raterId: string) {
	for (let attempt = 1; ; attempt++) {
		const held = await acquireRaterLock(studyId, raterId, 'if-free');
		if (held || attempt >= RELOAD_ATTEMPTS) return held;
		await new Promise((resolve) => setTimeout(resolve, RELOAD_PAUSE_MS));
	}
}
const RELOAD_ATTEMPTS = 8;
const RELOAD_PAUSE_MS = 250;

function requestTabLock(name: string, studyId: string, raterId: string, takeOver: boolean) {
	const shared: TabLock = {
		lock: takeOver
			? acquireRaterLock(studyId, raterId, 'take-over')
			: patientlyIfFree(studyId, raterId),
		users: new Set()
	};
	tabLocks.set(name, shared);
	void shared.lock.then((held) => {
		if (!held) {
			if (tabLocks.get(name) === shared) tabLocks.delete(name);
			return;
		}
		void held.lost.then(() => {
			if (tabLocks.get(name) === shared) tabLocks.delete(name);
			for (const user of [...shared.users]) user.lost();
		});
	});
	return shared;
}

/**
 * The lock a judging session holds: one (study, rater) at a time, told when another tab takes it
 * over. Sessions of one tab share the tab's lock, so a view shown again never waits on itself.
 */
export class JudgingLock {
	#shared: TabLock | undefined;
	#name = '';
	#onLost: () => void = () => undefined;

	/** Takes the lock (false when another tab holds it); `onLost` runs if it is taken over later. */
	async take(studyId: string, raterId: string, takeOver: boolean, onLost: () => void) {
		this.release();
		const name = raterLockName(studyId, raterId);
		const existing = tabLocks.get(name);
		const shared =
			existing && !takeOver ? existing : requestTabLock(name, studyId, raterId, takeOver);
		shared.users.add(this);
		this.#shared = shared;
		this.#name = name;
		this.#onLost = onLost;
		const held = await shared.lock;
		if (this.#shared !== shared) return false;
		if (!held) this.release();
		return held !== undefined;
	}

	/** Another tab took the lock over. */
	lost(): void {
		this.#shared = undefined;
		this.#onLost();
	}

	release(): void {
		const shared = this.#shared;
		if (!shared) return;
		this.#shared = undefined;
		shared.users.delete(this);
		const name = this.#name;
		// Let go once no session of this tab wants it any more (a view being shown again takes it
		// over within the same task).
		setTimeout(() => {
			if (shared.users.size > 0 || tabLocks.get(name) !== shared) return;
			tabLocks.delete(name);
			void shared.lock.then((held) => held?.release());
		});
	}
}
