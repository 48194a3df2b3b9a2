// Input shapes of the statistics layer. They are defined here rather than imported from the
// schema so the layer stays pure and can run unchanged in `npm run analyze` and in workers.

/** A judgment resolved to the trained model's (or endpoint A's) point of view. */
export type Outcome = 'win' | 'loss' | 'tie' | 'both-bad';

export interface Vote {
	itemId: string;
	raterId: string;
	outcome: Outcome;
	/** Whether the trained model (endpoint A) was shown on the left. */
	leftWasTrained: boolean;
	/** e.g. 'trait:truthfulness', 'domain:health', 'trait×domain:truthfulness×health', 'tag:x'. */
	categories: readonly string[];
}

export interface Interval {
	lower: number;
	upper: number;
}

/** A uniform generator on [0, 1), seeded by the caller so analyses are reproducible. */
export type RandomSource = () => number;
