// Writes on an existing study from its page. Deleting removes the study with its trials,
// responses and judgments in one transaction (repos/studies), after an explicit confirmation
// step held here so the view stays one call per click.
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { deleteStudy } from '$lib/db/repos/studies';

export class StudyActions {
	confirming = $state(false);
	busy = $state(false);
	error = $state<string | undefined>(undefined);

	readonly #db: () => ArenaDB;
	readonly #navigate: (hash: string) => void;

	constructor(
		private readonly studyId: string,
		deps: { db?: () => ArenaDB; navigate?: (hash: string) => void } = {}
	) {
		this.#db = deps.db ?? getDb;
		this.#navigate = deps.navigate ?? ((hash) => (location.hash = hash));
	}

	askDelete(): void {
		this.confirming = true;
	}

	cancelDelete(): void {
		this.confirming = false;
	}

	async confirmDelete(): Promise<void> {
		if (!this.confirming || this.busy) return;
		this.busy = true;
		this.error = undefined;
		try {
			await deleteStudy(this.#db(), this.studyId);
			this.#navigate('#/studies');
		} catch (cause) {
			this.error = describeStorageError(cause);
		} finally {
			this.busy = false;
			this.confirming = false;
		}
	}
}
