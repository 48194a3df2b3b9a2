// Time is passed in, never read ad hoc, so tests and benchmarks are deterministic.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function nowIso(clock: Clock = systemClock): string {
	return clock().toISOString();
}

export function fixedClock(start: string | Date, stepMs = 0): Clock {
	let time = new Date(start).getTime();
	return () => {
		const current = new Date(time);
		time += stepMs;
		return current;
	};
}
