// Apart from the schemas so that code which only stamps records (the judging path) does not load
// the schema library.

/** Version of every record and file this app writes; bump with a migration and a codec upgrade. */
export const SCHEMA_VERSION = 1;
