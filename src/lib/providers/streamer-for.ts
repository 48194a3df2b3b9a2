// Picks the streamer for an endpoint. The demo preset streams from a simulator inside the page,
// so a presenter's demo works with no key and no network; everything else goes through the SDK.
// Both are imported lazily so neither is in the bundle of a view that only judges.
import type { ChatStreamer } from '$lib/core/stream/events';
import type { Endpoint } from '$lib/core/schema';
import { DEMO_PRESET_ID } from './presets';

export async function streamerFor(endpoint: Pick<Endpoint, 'preset'>): Promise<ChatStreamer> {
	if (endpoint.preset === DEMO_PRESET_ID) {
		return (await import('$lib/demo/simulated-streamer')).simulatedStreamer;
	}
	return (await import('./openai-compatible')).streamChat;
}
