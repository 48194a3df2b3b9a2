// Small hand-made export records for analysis tests: one line per verdict, so expected counts can
// be read straight off the test.
import { buildJudgmentRecord, type JudgmentRecord } from '$lib/core/codecs/judgment-record';
import type { OverallChoice, Preregistration, SideFlag, TraitChoice } from '$lib/core/schema';
import {
	makeEndpoint,
	makeItem,
	makeJudgment,
	makeResponse,
	makeStudy,
	makeTrial
} from '../../factories';

export const BASELINE = makeEndpoint();
export const TRAINED = makeEndpoint({
	id: 'ep-trained',
	label: 'Trained 7B',
	role: 'trained',
	model: 'mock-trained'
});
export const OTHER = makeEndpoint({
	id: 'ep-other',
	label: 'Other 7B',
	role: 'trained-v2',
	model: 'mock-long'
});
const ENDPOINTS = new Map([BASELINE, TRAINED, OTHER].map((endpoint) => [endpoint.id, endpoint]));

export interface Spec {
	/** Verdict about the screen sides. */
	overall: OverallChoice | null;
	/** Which endpoint sits on the left (default trained). */
	left?: string;
	right?: string;
	item?: string;
	traits?: string[];
	domain?: string;
	tags?: string[];
	rater?: string;
	kind?: 'main' | 'attention' | 'swap';
	trial?: string;
	swapOf?: string;
	gold?: 'left' | 'right';
	leak?: boolean;
	decisionMs?: number;
	traitChoices?: Record<string, TraitChoice>;
	leftAnswer?: string;
	rightAnswer?: string;
	study?: string;
	preregistration?: Preregistration;
	/** A model judge's id: the record is then a model verdict. */
	judge?: string;
	/** Per-side flags, about the screen sides. */
	flags?: { left?: SideFlag[]; right?: SideFlag[] };
}

let counter = 0;

export function record(spec: Spec): JudgmentRecord {
	counter++;
	const left = spec.left ?? TRAINED.id;
	const right = spec.right ?? (left === BASELINE.id ? TRAINED.id : BASELINE.id);
	const itemId = spec.item ?? 'item-1';
	const studyId = spec.study ?? 'study-1';
	const response = (endpointId: string, answer: string) =>
		makeResponse({
			id: `${studyId}:${itemId}:${endpointId}`,
			studyId,
			itemId,
			endpointId,
			params: { model: endpointId },
			transcript: [
				{ role: 'user', content: 'Q?' },
				{ role: 'assistant', content: answer }
			]
		});
	const overall = spec.overall;
	const winner = overall?.startsWith('left') ? left : overall?.startsWith('right') ? right : null;
	return buildJudgmentRecord({
		judgment: makeJudgment({
			id: `j-${String(counter).padStart(5, '0')}`,
			studyId,
			itemId,
			trialId: spec.trial ?? `trial-${counter}`,
			raterId: spec.rater ?? 'rater-ada',
			overall,
			skipReason: overall === null ? 'unreadable' : null,
			leftEndpointId: left,
			rightEndpointId: right,
			winnerEndpointId: winner,
			traitChoices: spec.traitChoices ?? {},
			flags: { left: spec.flags?.left ?? [], right: spec.flags?.right ?? [] },
			decisionMs: spec.decisionMs ?? 5000,
			...(spec.judge && { raterKind: 'model' as const, judgeId: spec.judge }),
			createdAt: new Date(Date.UTC(2026, 10, 23, 10, 0, counter)).toISOString()
		}),
		trial: makeTrial({
			id: spec.trial ?? `trial-${counter}`,
			studyId,
			itemId,
			leftEndpointId: left,
			rightEndpointId: right,
			leftResponseId: `${studyId}:${itemId}:${left}`,
			rightResponseId: `${studyId}:${itemId}:${right}`,
			kind: spec.kind ?? 'main',
			swapOf: spec.swapOf,
			gold: spec.gold,
			leakFlagged: spec.leak ?? false
		}),
		study: makeStudy({
			id: studyId,
			endpointIds: ['ep-baseline', 'ep-trained', 'ep-other'],
			...(spec.preregistration && { preregistration: spec.preregistration })
		}),
		item: makeItem({
			id: itemId,
			traits: spec.traits ?? ['truthfulness'],
			domain: spec.domain ?? 'health',
			tags: spec.tags ?? []
		}),
		leftResponse: response(left, spec.leftAnswer ?? 'left answer'),
		rightResponse: response(right, spec.rightAnswer ?? 'right answer'),
		endpoints: ENDPOINTS
	});
}
