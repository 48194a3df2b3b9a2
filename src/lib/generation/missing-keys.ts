// A run that would fail on its first request for want of a key is not started: it says which
// endpoints need one and where to enter it instead. An endpoint needs a key when its preset says so
// or when it was given one before (a custom server behind a key, whose session key a restart lost).
import type { Endpoint } from '$lib/core/schema';
import { presetById } from '$lib/providers/presets';

export async function endpointsWithoutKey(
	endpoints: readonly Endpoint[],
	keyFor: (endpointId: string) => Promise<string | undefined>,
	keyWasUsed: (endpointId: string) => Promise<boolean> = async () => false
): Promise<Endpoint[]> {
	const missing: Endpoint[] = [];
	for (const endpoint of endpoints) {
		const needsKey = presetById(endpoint.preset).needsKey || (await keyWasUsed(endpoint.id));
		if (needsKey && !(await keyFor(endpoint.id))) missing.push(endpoint);
	}
	return missing;
}

export function missingKeysMessage(missing: readonly Pick<Endpoint, 'label'>[]): string {
	const labels = missing.map((endpoint) => endpoint.label).join(', ');
	return `No API key entered in this session for ${labels}. Enter it here (or on the Endpoints page), then generate: nothing was sent.`;
}

export async function missingKeysProblem(
	endpoints: readonly Endpoint[],
	keyFor: (endpointId: string) => Promise<string | undefined>,
	keyWasUsed?: (endpointId: string) => Promise<boolean>
): Promise<string | undefined> {
	const missing = await endpointsWithoutKey(endpoints, keyFor, keyWasUsed);
	return missing.length === 0 ? undefined : missingKeysMessage(missing);
}
