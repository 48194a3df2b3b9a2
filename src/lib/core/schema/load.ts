// The schemas and the zod library behind them are much of the JavaScript the Arena would
// otherwise load before it can paint. Code on the Arena's path imports only types and the
// vocabulary statically and validates through `loadSchemas`, which every write still awaits
// before it stores anything. The judging session loads them beside its first read, before the
// form can be used, so a rater's writes never wait for them.
import type * as Schemas from './index';

let loading: Promise<typeof Schemas> | undefined;

/** The schemas, loaded on first use and kept; a failed load is tried again on the next call. */
export function loadSchemas(): Promise<typeof Schemas> {
	loading ??= import('./index').catch((error: unknown) => {
		loading = undefined;
		throw error;
	});
	return loading;
}
