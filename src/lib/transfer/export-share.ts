// The parts of one export that several workers write at once agree over MessagePorts (see
// ExportShare in export.ts): part 0 holds a port to every other part, each other part a port to
// part 0. Each message type crosses a port once per export.
import { shareOf, type ExportSource } from '$lib/db/repos/export-selection';
import type { ExportShare } from './export';

type ShareMessage = { type: 'source'; source: ExportSource } | { type: 'traits'; traits: string[] };

interface Port {
	onmessage: ((event: MessageEvent<ShareMessage>) => void) | null;
	postMessage(message: ShareMessage): void;
}

/** What arrives on a port, each kind as a promise of its one message. */
function listen(port: Port): { source: Promise<ExportSource>; traits: Promise<string[]> } {
	let source!: (value: ExportSource) => void;
	let traits!: (value: string[]) => void;
	const received = {
		source: new Promise<ExportSource>((resolve) => (source = resolve)),
		traits: new Promise<string[]>((resolve) => (traits = resolve))
	};
	port.onmessage = ({ data }) => {
		if (data.type === 'source') source(data.source);
		else traits(data.traits);
	};
	return received;
}

/** Part 0: reads the whole source and shares it out; gathers every part's traits. */
export function leadingShare(peers: readonly Port[]): ExportShare {
	const inboxes = peers.map(listen);
	const parts = peers.length + 1;
	return {
		part: 0,
		async source(readWhole) {
			const whole = await readWhole();
			peers.forEach((peer, index) =>
				peer.postMessage({ type: 'source', source: shareOf(whole, index + 1, parts) })
			);
			return shareOf(whole, 0, parts);
		},
		async traits(mine) {
			const all = new Set(mine);
			for (const inbox of inboxes) for (const trait of await inbox.traits) all.add(trait);
			const traits = [...all];
			for (const peer of peers) peer.postMessage({ type: 'traits', traits });
			return traits;
		}
	};
}

/** Any other part: is handed its share by part 0, and told every part's traits. */
export function followingShare(part: number, leader: Port): ExportShare {
	const inbox = listen(leader);
	return {
		part,
		source: () => inbox.source,
		traits(mine) {
			leader.postMessage({ type: 'traits', traits: mine });
			return inbox.traits;
		}
	};
}
