import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	categoryKind,
	holmAdjust,
	signTest,
	summarize,
	wilsonInterval,
	type Outcome,
	type Vote
} from '$lib/core/stats';
import { seededRandom } from '$lib/core/random/prng';

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

	it('computes rate, Wilson interval and exact sign test per category', () => {
		const health = row('domain:health');
		expect(health?.winRate).toBe(20 / 24);
		expect(health?.interval).toEqual(wilsonInterval(20, 24));
		expect(health?.pValue).toBe(signTest(18, 2));
		// R: binom.test(18, 20)$p.value = 0.0004024506
		expect(health?.pValue).toBeCloseTo(0.0004024506, 9);
	});

	it('Holm-adjusts across all categories and builds the headline', () => {
		const raw = summary.categories.map((category) => category.pValue);
		expect(summary.categories.map((category) => category.adjustedPValue)).toEqual(holmAdjust(raw));
		// health p = 0.0004 → ×3 = 0.0012; truthfulness binom.test(24, 31) = 0.0033 → ×2 = 0.0067;
		// law binom.test(6, 11) = 1 → 1.
		expect(row('domain:health')?.significant).toBe(true);
		expect(row('trait:truthfulness')?.significant).toBe(true);
		expect(row('domain:law')).toMatchObject({ better: true, significant: false });
		expect(summary.headline).toEqual({ better: 3, total: 3, significant: 2, significantWorse: 0 });
		expect(summarize(DATA, { alpha: 0.001 }).headline.significant).toBe(0);
	});

	it('counts a significantly worse category separately', () => {
		const worse = summarize([
			...votes(20, 'loss', ['tag:harmful-steer']),
			...votes(1, 'win', ['tag:x'])
		]);
		expect(worse.headline).toEqual({ better: 1, total: 2, significant: 0, significantWorse: 1 });
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
				const result = summarize(data);
				expect(result.overall.n).toBe(data.length);
				for (const category of result.categories) {
					const members = data.filter((v) => v.categories.includes(category.category));
					expect(category.n).toBe(members.length);
					expect(category.wins + category.ties + category.losses + category.bothBad).toBe(
						category.n
					);
					expect(category.judged).toBe(category.n - category.bothBad);
					expect(category.adjustedPValue).toBeGreaterThanOrEqual(category.pValue);
				}
				const { headline } = result;
				expect(headline.total).toBe(result.categories.length);
				expect(headline.significant + headline.significantWorse).toBeLessThanOrEqual(
					headline.total
				);
				expect(result.positionBias.n).toBe(result.overall.wins + result.overall.losses);
			})
		);
	});

	it('analyses 100,000 votes with 6 categories each well under a second', () => {
		const random = seededRandom('summary-bench');
		const outcomes: Outcome[] = ['win', 'win', 'win', 'loss', 'loss', 'tie', 'both-bad'];
		const traits = Array.from({ length: 6 }, (_, i) => `trait-${i}`);
		const domains = Array.from({ length: 5 }, (_, i) => `domain-${i}`);
		const big: Vote[] = Array.from({ length: 100_000 }, (_, index) => {
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
		const start = performance.now();
		const result = summarize(big);
		const elapsed = performance.now() - start;
		expect(elapsed).toBeLessThan(1000);
		expect(result.categories.find((c) => c.category === 'all')?.n).toBe(100_000);
		expect(result.headline.total).toBe(6 + 5 + 30 + 3 + 7 + 1);
	});
});
