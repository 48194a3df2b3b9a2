// Bridges database notices (versionchange, storage errors) into a rune the shell shows.
import { onDatabaseNotice } from '$lib/db/db';

class DatabaseNotices {
	message = $state<string | undefined>(undefined);
}

export const databaseNotices = new DatabaseNotices();
onDatabaseNotice((message) => (databaseNotices.message = message));
