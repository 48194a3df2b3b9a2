// A failure message fit for an audience that must not learn which endpoint is which: the live
// arena shows why a side failed (the same advice generation gives) before the vote, so every
// name that points at the endpoint goes, and so does advice written for one kind of server.
import type { Endpoint } from '$lib/core/schema';
import { hostOf } from './classify-error';
import { corsHint, pageOrigin } from './presets';

const SERVER = 'this side’s server';

export function blindMessage(
	message: string,
	endpoint: Pick<Endpoint, 'baseURL' | 'model' | 'label' | 'preset'>,
	origin: string | undefined = pageOrigin()
): string {
	const names: [string, string][] = [
		[corsHint(endpoint.preset, origin), 'How to allow it on this server is shown after the vote.'],
		[endpoint.baseURL, SERVER],
		[hostOf(endpoint.baseURL), SERVER],
		[`“${endpoint.model}”`, 'this side’s model'],
		[endpoint.model, 'this side’s model'],
		[endpoint.label, 'this side’s endpoint']
	];
	let text = message;
	for (const [name, neutral] of names) {
		if (name.trim().length >= 2) text = text.split(name).join(neutral);
	}
	return text;
}
