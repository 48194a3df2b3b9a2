// Stored data reaches views only through live queries: Dexie re-runs the query when any table it
// read changes (in this tab or another), and the rune exposes { current, loading, error }. The
// subscription lives in an $effect so it ends with the component that created it.
import { liveQuery } from 'dexie';

export interface LiveResult<T> {
	readonly current: T | undefined;
	readonly loading: boolean;
	readonly error: unknown;
}

export function live<T>(
	querier: () => T | Promise<T>,
	dependencies: () => unknown = () => undefined
): LiveResult<T> {
	let current = $state.raw<T | undefined>(undefined);
	let loading = $state(true);
	let error = $state.raw<unknown>(undefined);

	$effect(() => {
		dependencies();
		loading = true;
		const subscription = liveQuery(querier).subscribe({
			next: (value) => {
				current = value;
				error = undefined;
				loading = false;
			},
			error: (cause: unknown) => {
				error = cause;
				loading = false;
			}
		});
		return () => subscription.unsubscribe();
	});

	return {
		get current() {
			return current;
		},
		get loading() {
			return loading;
		},
		get error() {
			return error;
		}
	};
}
