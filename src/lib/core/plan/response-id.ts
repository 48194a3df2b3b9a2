// Response ids are derived, not random: one record per (study, item, endpoint), so a resumed or
// repeated generation overwrites the same answer, and a trial plan can name its responses before
// any of them exist. Attention checks show a degraded copy under a derived id of its own.
export function responseId(studyId: string, itemId: string, endpointId: string): string {
	return `${studyId}:${itemId}:${endpointId}`;
}

export function degradedResponseId(sourceResponseId: string): string {
	return `${sourceResponseId}:degraded`;
}
