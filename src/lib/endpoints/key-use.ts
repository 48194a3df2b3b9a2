// Whether an endpoint was given a key, kept apart from the key: keys held for the session are gone
// after a restart, and this is how generation knows to ask for one again rather than send requests
// the server will refuse. Only yes or no is stored, never any part of the key.
import type { ArenaDB } from '$lib/db/arena-db';
import { getSetting, setSetting } from '$lib/db/repos/settings';

const PREFIX = 'endpoint:key-used:';

export async function noteKeyUse(db: ArenaDB, endpointId: string, used: boolean): Promise<void> {
	await setSetting(db, `${PREFIX}${endpointId}`, used);
}

export async function keyWasUsed(db: ArenaDB, endpointId: string): Promise<boolean> {
	return (await getSetting<unknown>(db, `${PREFIX}${endpointId}`, false)) === true;
}
