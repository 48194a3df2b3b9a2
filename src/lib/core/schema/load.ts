// The schemas and the zod library behind them are much of the JavaScript the Arena would
// otherwise load before it can paint. Code on the Arena's path imports only types and the
// vocabulary statically and validates through `loadSchemas`, which every write still awaits
// before it stores anything. The judging session loads them beside its first read, before the
// form can be used, so a rater's writes never wait for them.
import type * as Schemas from './index';

let loading: Promise<typeof Schemas> | undefined;
let loaded: typeof Schemas | undefined;

/** The schemas, loaded on first use and kept; a failed load is tried again on the next call. */
export function loadSchemas(): Promise<typeof Schemas> {
	loading ??= import('./index').then(
		(schemas) => (loaded = schemas),
		(error: unknown) => {
			loading = undefined;
			throw error;
		}
	);
	return loading;
}

/**
 * The schemas if they are here already. A write that uses them is then issued in the task that
 * asked for it, with no await before it: a draft saved as the page goes away (a reload the instant
 * after an edit) must reach IndexedDB before the page does.
 */
export function loadedSchemas(): typeof Schemas | undefined {
	return loaded;
}
