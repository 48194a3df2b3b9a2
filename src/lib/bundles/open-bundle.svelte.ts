// The rater's way in: a bundle from a file, a drop, or a link to a file hosted next to the app.
// Every path ends in the same two steps — check the file whole (gzip, checksum, schema, every
// record), then write it in one transaction — and then the Arena opens on the study. Refusals
// are messages a rater can act on (which check failed, what to ask for), never a stack trace.
import { storageGuard } from '$lib/app/storage-guard.svelte';
import { BundleError } from '$lib/core/bundle/bundle';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { BundleInstallError, installBundle, type InstallOutcome } from '$lib/db/repos/bundles';
import { hrefFor } from '$lib/app/routes';
import { bundleUrl, readBundleBytes } from './bundle-file';

export { bundleUrl };

export type OpenerStatus = 'idle' | 'reading' | 'done' | 'refused';

export interface OpenedBundle {
	studyId: string;
	studyName: string;
	outcome: InstallOutcome;
	trials: number;
}

export class BundleOpener {
	status = $state<OpenerStatus>('idle');
	message = $state('');
	opened = $state.raw<OpenedBundle | undefined>(undefined);

	readonly #db: () => ArenaDB;
	readonly #navigate: (hash: string) => void;

	constructor(options: { db?: () => ArenaDB; navigate?: (hash: string) => void } = {}) {
		this.#db = options.db ?? getDb;
		this.#navigate =
			options.navigate ??
			((hash) => {
				location.hash = hash;
			});
	}

	get busy(): boolean {
		return this.status === 'reading';
	}

	async openFile(file: Blob & { name: string }): Promise<OpenedBundle | undefined> {
		return this.#open(file.name, async () => new Uint8Array(await file.arrayBuffer()));
	}

	async openDropped(files: FileList | readonly File[] | null | undefined) {
		const file = files?.[0];
		if (!file) {
			this.#refuse('Nothing to open: drop a study bundle file here.');
			return undefined;
		}
		return this.openFile(file);
	}

	async openLink(link: string, base = location.href): Promise<OpenedBundle | undefined> {
		const name = link.split(/[?#]/)[0]?.split('/').pop() || 'the linked bundle';
		return this.#open(name, async () => {
			const url = bundleUrl(link, base);
			let response: globalThis.Response;
			try {
				response = await fetch(url, { credentials: 'same-origin' });
			} catch {
				throw new BundleError(
					'not-a-bundle',
					`Could not download ${name}: the site did not answer (are you offline?). Open the file directly instead.`
				);
			}
			if (!response.ok)
				throw new BundleError(
					'not-a-bundle',
					`Could not download ${name}: the site answered HTTP ${response.status}.`
				);
			return new Uint8Array(await response.arrayBuffer());
		});
	}

	async #open(name: string, read: () => Promise<Uint8Array<ArrayBuffer>>) {
		this.status = 'reading';
		this.message = `Checking ${name}…`;
		this.opened = undefined;
		try {
			const payload = await readBundleBytes(await read(), name);
			const outcome = await installBundle(this.#db(), payload);
			void storageGuard.requestPersistence();
			const opened: OpenedBundle = {
				studyId: payload.study.id,
				studyName: payload.study.name,
				outcome,
				trials: payload.trials.length
			};
			this.opened = opened;
			this.status = 'done';
			this.message =
				outcome === 'installed'
					? `Opened “${opened.studyName}”: ${opened.trials} comparisons to judge.`
					: `“${opened.studyName}” was already open in this browser; your progress is kept.`;
			this.#navigate(hrefFor('arena', opened.studyId));
			return opened;
		} catch (error) {
			this.#refuse(
				error instanceof BundleError || error instanceof BundleInstallError
					? error.message
					: describeStorageError(error)
			);
			return undefined;
		}
	}

	#refuse(message: string) {
		this.status = 'refused';
		this.message = message;
	}
}
