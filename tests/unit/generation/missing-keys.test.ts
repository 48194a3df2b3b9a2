// Which endpoints a run must not start without: those whose preset needs a key, and those given a
// key before (a custom server behind a key, whose session key a restart lost).
import { describe, expect, it } from 'vitest';
import { keyWasUsed, noteKeyUse } from '$lib/endpoints/key-use';
import { endpointsWithoutKey, missingKeysProblem } from '$lib/generation/missing-keys';
import { makeEndpoint } from '../factories';
import { testDb } from '../db/test-db';

describe('endpointsWithoutKey', () => {
	it('asks again for the key an endpoint was given before, until it is entered or removed', async () => {
		const db = testDb();
		const keyed = makeEndpoint({ id: 'ep-keyed', label: 'Keyed server', preset: 'custom' });
		const open = makeEndpoint({ id: 'ep-open', label: 'Open server', preset: 'custom' });
		const hosted = makeEndpoint({ id: 'ep-hosted', label: 'Hosted', preset: 'openai' });
		const used = (id: string) => keyWasUsed(db, id);
		const keys = new Map<string, string>();
		const keyFor = async (id: string) => keys.get(id);

		await noteKeyUse(db, 'ep-keyed', true);
		const missing = await endpointsWithoutKey([keyed, open, hosted], keyFor, used);
		expect(missing.map((endpoint) => endpoint.id)).toEqual(['ep-keyed', 'ep-hosted']);
		expect(await missingKeysProblem([keyed, open], keyFor, used)).toBe(
			'No API key entered in this session for Keyed server. Enter it here (or on the Endpoints page), then generate: nothing was sent.'
		);

		keys.set('ep-keyed', 'sk-entered-again');
		expect(await endpointsWithoutKey([keyed, open], keyFor, used)).toEqual([]);
		keys.clear();
		await noteKeyUse(db, 'ep-keyed', false);
		expect(await missingKeysProblem([keyed, open], keyFor, used)).toBeUndefined();
	});
});
