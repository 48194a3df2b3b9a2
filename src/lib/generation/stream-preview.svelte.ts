// The answer that arrived most recently, so the study page can show answers as they stream (their
// tone and length say more than a counter) without reading the database on every token. Fed by
// the progress writes, which already come at most every ~250 ms per answer.
import type { Response } from '$lib/core/schema';

export interface PreviewLine {
	studyId: string;
	endpointId: string;
	itemId: string;
	/** The end of the answer so far. */
	text: string;
}

const TAIL = 280;

class StreamPreview {
	latest = $state.raw<PreviewLine | undefined>(undefined);

	show(response: Pick<Response, 'studyId' | 'endpointId' | 'itemId' | 'transcript'>): void {
		const answer = response.transcript.findLast((message) => message.role === 'assistant');
		const text = answer?.content.trim() ?? '';
		if (!text) return;
		this.latest = {
			studyId: response.studyId,
			endpointId: response.endpointId,
			itemId: response.itemId,
			text: text.length > TAIL ? `…${text.slice(-TAIL)}` : text
		};
	}
}

export const streamPreview = new StreamPreview();
