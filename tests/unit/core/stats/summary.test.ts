import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { categoryKind, holmAdjust, summarize, type Outcome, type Vote } from '$lib/core/stats';
import { seededRandom } from '$lib/core/random/prng';
import { clusteredMean } from '$lib/core/stats/cluster';
import { scoredVotes } from '$lib/core/stats/win-rate';

function votes(
	count: number,
	outcome: Outcome,
	categories: string[],
	leftWasTrained = true
): Vote[] {
	return Array.from({ length: count }, (_, index) => ({
		itemId: `item-${index}`,
		raterId: 'r1',
		outcome,
		leftWasTrained,
		categories
	}));
}

const HEALTH = ['trait:truthfulness', 'domain:health'];
const LAW = ['trait:truthfulness', 'domain:law'];

// truthfulness: 18 + 6 = 24 wins, 2 + 5 = 7 losses, 4 ties, 3 both-bad
// health: 18 wins, 2 losses, 4 ties, 3 both-bad; law: 6 wins, 5 losses
const DATA: Vote[] = [
	...votes(18, 'win', HEALTH),
	...votes(2, 'loss', HEALTH, false),
	...votes(4, 'tie', HEALTH),
	...votes(3, 'both-bad', HEALTH),
	...votes(6, 'win', LAW, false),
	...votes(5, 'loss', LAW)
];

describe('summarize', () => {
	const summary = summarize(DATA);
	const row = (name: string) => summary.categories.find((category) => category.category === name);

	it('counts each category and the overall totals', () => {
		expect(summary.categories.map((category) => category.category)).toEqual([
			'domain:health',
			'domain:law',
			'trait:truthfulness'
		]);
		expect(row('domain:health')).toMatchObject({ n: 27, wins: 18, ties: 4, losses: 2, bothBad: 3 });
		expect(row('domain:law')).toMatchObject({ n: 11, wins: 6, ties: 0, losses: 5, bothBad: 0 });
		expect(row('trait:truthfulness')).toMatchObject({ n: 38, wins: 24, ties: 4, losses: 7 });
		expect(summary.overall).toMatchObject({ n: 38, wins: 24, ties: 4, losses: 7, bothBad: 3 });
	});

	it('computes the win rate with ties as half and a prompt-clustered interval and test', () => {
		const health = row('domain:health');
		expect(health?.winRate).toBe(20 / 24);
		const data = scoredVotes(DATA.filter((vote) => vote.categories.includes('domain:health')));
		const reference = clusteredMean(data);
		expect(health?.interval).toEqual(reference.interval);
		expect(health?.pValue).toBe(reference.pValue);
		expect(health?.method).toBe('item');
		// The interval excludes 0.5 exactly when p < 0.05: one convention for both.
		expect(health?.interval.lower).toBeGreaterThan(0.5);
		expect(health?.pValue).toBeLessThan(0.05);
	});

	it('Holm-adjusts within the primary family only; the rest is exploratory', () => {
		const primary = new Set(['domain:health', 'trait:truthfulness']);
		const result = summarize(DATA, { primary, preregistered: true });
		const rows = result.categories.filter((category) => category.family === 'primary');
		expect(rows.map((category) => category.category)).toEqual([...primary].sort());
		expect(rows.map((category) => category.adjustedPValue)).toEqual(
			holmAdjust(rows.map((category) => category.pValue))
		);
		const law = result.categories.find((category) => category.category === 'domain:law');
		expect(law).toMatchObject({ family: 'exploratory' });
		expect(law?.adjustedPValue).toBeNaN();
		expect(result.headline).toMatchObject({ total: 2, better: 2, worse: 0, preregistered: true });
	});

	it('counts a worse category as worse and a category with only ties as no decisive votes', () => {
		const primary = new Set(['tag:harmful-steer', 'tag:ties']);
		const result = summarize(
			[...votes(20, 'loss', ['tag:harmful-steer']), ...votes(5, 'tie', ['tag:ties'])],
			{ primary }
		);
		expect(result.headline).toMatchObject({
			total: 2,
			better: 0,
			worse: 1,
			undecided: 1,
			noDecisiveVotes: 1
		});
		const ties = result.categories.find((category) => category.category === 'tag:ties');
		expect(ties?.verdict).toBe('no-decisive-votes');
	});

	it('measures position bias over every vote once', () => {
		// Left side won: 18 health wins (trained on the left) + 2 health losses (trained on the
		// right). Right side won: 6 law wins (trained on the right) + 5 law losses (trained left).
		expect(summary.positionBias).toMatchObject({ left: 20, right: 11, n: 31 });
	});

	it('ignores a category listed twice on one vote, and names category kinds', () => {
		const twice = summarize(votes(3, 'win', ['tag:a', 'tag:a']));
		expect(twice.categories).toHaveLength(1);
		expect(twice.categories[0]?.wins).toBe(3);
		expect(categoryKind('trait×domain:truthfulness×health')).toBe('trait×domain');
		expect(categoryKind('plain')).toBe('plain');
	});

	it('keeps counts consistent for any votes', () => {
		const outcome = fc.constantFrom<Outcome>('win', 'loss', 'tie', 'both-bad');
		const vote = fc.record({
			itemId: fc.constantFrom('i1', 'i2', 'i3'),
			raterId: fc.constantFrom('r1', 'r2'),
			outcome,
			leftWasTrained: fc.boolean(),
			categories: fc.subarray(['trait:a', 'trait:b', 'domain:c', 'tag:d'])
		});
		fc.assert(
			fc.property(fc.array(vote, { maxLength: 80 }), (data) => {
				const result = summarize(data, { primary: new Set(['trait:a', 'trait:b']) });
				expect(result.overall.n).toBe(data.length);
				for (const category of result.categories) {
					const members = data.filter((v) => v.categories.includes(category.category));
					expect(category.n).toBe(members.length);
					expect(category.wins + category.ties + category.losses + category.bothBad).toBe(
						category.n
					);
					expect(category.judged).toBe(category.n - category.bothBad);
					if (category.family === 'primary' && !Number.isNaN(category.pValue)) {
						expect(category.adjustedPValue).toBeGreaterThanOrEqual(category.pValue);
					}
					if (category.interval.lower <= category.interval.upper) {
						expect(category.interval.lower).toBeGreaterThanOrEqual(0);
						expect(category.interval.upper).toBeLessThanOrEqual(1);
					}
				}
				const { headline } = result;
				expect(headline.better + headline.worse + headline.undecided).toBe(headline.total);
				expect(result.positionBias.n).toBe(result.overall.wins + result.overall.losses);
			})
		);
	});

	it('analyses 20,000 votes with 6 categories each (speed is in the bench)', () => {
		const random = seededRandom('summary-bench');
		const outcomes: Outcome[] = ['win', 'win', 'win', 'loss', 'loss', 'tie', 'both-bad'];
		const traits = Array.from({ length: 6 }, (_, i) => `trait-${i}`);
		const domains = Array.from({ length: 5 }, (_, i) => `domain-${i}`);
		const big: Vote[] = Array.from({ length: 20_000 }, (_, index) => {
			const trait = traits[Math.floor(random() * traits.length)] ?? 'trait-0';
			const domain = domains[Math.floor(random() * domains.length)] ?? 'domain-0';
			return {
				itemId: `item-${index % 5000}`,
				raterId: `rater-${index % 40}`,
				outcome: outcomes[Math.floor(random() * outcomes.length)] ?? 'tie',
				leftWasTrained: random() < 0.5,
				categories: [
					`trait:${trait}`,
					`domain:${domain}`,
					`trait×domain:${trait}×${domain}`,
					`tag:t${index % 3}`,
					`tag:u${index % 7}`,
					'all'
				]
			};
		});
		const result = summarize(big);
		expect(result.categories.find((c) => c.category === 'all')?.n).toBe(20_000);
		expect(result.categories).toHaveLength(6 + 5 + 30 + 3 + 7 + 1);
		// 40 raters: clustered by prompt and rater.
		expect(result.overall.method).toBe('two-way');
	});
});
