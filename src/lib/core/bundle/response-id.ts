// Response ids are derived from (study, item, endpoint) so generation is idempotent: a resumed run
// writes the same record instead of a second answer.
export function responseIdFor(studyId: string, itemId: string, endpointId: string): string {
	return `${studyId}:${itemId}:${endpointId}`;
}
