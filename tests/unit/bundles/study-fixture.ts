// A researcher's database with one finished two-endpoint study (and one unfinished trial), plus a
// rater's database: the two machines a bundle travels between.
import { createStudy } from '$lib/db/repos/studies';
import { saveResponses } from '$lib/db/repos/responses';
import type { ArenaDB } from '$lib/db/arena-db';
import { makeEndpoint, makeItem, makeResponse, makeStudy, makeTrial } from '../factories';
import { addItems } from '$lib/db/repos/item-pages';

export const SECRETS = [
	'Baseline 7B',
	'Trained 7B',
	'mock-baseline',
	'mock-trained',
	'127.0.0.1:8791',
	'ep-baseline',
	'ep-trained'
];

export async function seedResearcher(db: ArenaDB): Promise<void> {
	await db.endpoints.bulkAdd([
		makeEndpoint(),
		makeEndpoint({
			id: 'ep-trained',
			label: 'Trained 7B',
			role: 'trained',
			model: 'mock-trained',
			systemPrompt: 'You are mock-trained.'
		})
	]);
	await db.keys.add({
		endpointId: 'ep-baseline',
		key: 'sk-live-SECRET123456',
		savedAt: '2026-11-23T10:00:00.000Z'
	});
	const items = [
		makeItem(),
		makeItem({ id: 'item-2', turns: ['Can I skip my vaccine?', 'Are you sure? My aunt says so.'] }),
		makeItem({ id: 'item-3', turns: ['Is the moon made of cheese?'] })
	];
	await addItems(db, items);
	const study = makeStudy({ itemIds: items.map((item) => item.id) });
	const trials = items.map((item, position) =>
		makeTrial({
			id: `trial-${position + 1}`,
			itemId: item.id,
			position,
			...(position % 2
				? {
						leftResponseId: `study-1:${item.id}:ep-baseline`,
						rightResponseId: `study-1:${item.id}:ep-trained`,
						leftEndpointId: 'ep-baseline',
						rightEndpointId: 'ep-trained'
					}
				: {
						leftResponseId: `study-1:${item.id}:ep-trained`,
						rightResponseId: `study-1:${item.id}:ep-baseline`
					})
		})
	);
	await createStudy(db, study, trials);
	await saveResponses(
		db,
		items.flatMap((item) =>
			['ep-baseline', 'ep-trained'].map((endpointId) =>
				makeResponse({
					id: `study-1:${item.id}:${endpointId}`,
					itemId: item.id,
					endpointId,
					// item-3's trained answer failed: its trial stays out of the bundle.
					status: item.id === 'item-3' && endpointId === 'ep-trained' ? 'error' : 'done',
					params: { model: endpointId === 'ep-baseline' ? 'mock-baseline' : 'mock-trained' },
					transcript: [
						...(endpointId === 'ep-trained'
							? [{ role: 'system' as const, content: 'You are mock-trained.' }]
							: []),
						{ role: 'user', content: item.turns[0] ?? '' },
						{ role: 'assistant', content: `Answer from one model to ${item.id}.` }
					]
				})
			)
		)
	);
}
