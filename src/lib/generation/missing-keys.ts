// A run that would fail on its first request for want of a key is not started: it says which
// endpoints need one and where to enter it instead.
import type { Endpoint } from '$lib/core/schema';
import { presetById } from '$lib/providers/presets';

export async function missingKeysProblem(
	endpoints: readonly Endpoint[],
	keyFor: (endpointId: string) => Promise<string | undefined>
): Promise<string | undefined> {
	const missing: string[] = [];
	for (const endpoint of endpoints) {
		if (presetById(endpoint.preset).needsKey && !(await keyFor(endpoint.id))) {
			missing.push(endpoint.label);
		}
	}
	if (missing.length === 0) return undefined;
	return `No API key for ${missing.join(', ')}. Enter it on the Endpoints page (keys stay in memory for this session unless you tick “Remember on this device”), then generate again.`;
}
