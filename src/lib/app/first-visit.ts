// What a first visit needs whichever area it opens: the built-in prompt suite, so a new study and
// the live arena offer its items at once. Loaded after the first paint, off the shell's own chunk.
import { getDb } from '$lib/db/db';
import { ensureBuiltinSuite } from '$lib/prompts/builtin-suite';

export async function prepareFirstVisit(): Promise<void> {
	try {
		await ensureBuiltinSuite(getDb());
	} catch {
		// The Prompts area installs it again when opened, and says why if it still cannot.
	}
}
