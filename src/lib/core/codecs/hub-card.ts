// The dataset card of a Hugging Face dataset folder (`README.md` beside `data/*.parquet`): a YAML
// header the Hub reads (licence, tags, size, where the data files are), then the schema, the
// studies' design and the notes on blinding and quality control a reader needs to trust the data.
// Gathered from the exported records themselves, so the card describes exactly the file beside it.
import { PARQUET_COLUMNS } from './parquet';
import type { JudgmentRecord } from './judgment-record';

interface StudySummary {
	name: string;
	pairing: string;
	seed: number;
	endpoints: string[];
	judgments: number;
}

export class HubSummary {
	readonly studies = new Map<string, StudySummary>();
	readonly raters = new Set<string>();
	readonly trialKinds = new Map<string, number>();
	readonly traits = new Set<string>();
	judgments = 0;
	leakFlagged = 0;

	add(records: readonly JudgmentRecord[]): void {
		for (const record of records) {
			this.judgments++;
			this.raters.add(record.raterId);
			this.trialKinds.set(record.trial.kind, (this.trialKinds.get(record.trial.kind) ?? 0) + 1);
			if (record.trial.leakFlagged) this.leakFlagged++;
			for (const trait of Object.keys(record.traitChoices)) this.traits.add(trait);
			const study = this.studies.get(record.study.id) ?? {
				name: record.study.name,
				pairing: record.study.pairing,
				seed: record.study.seed,
				endpoints: record.study.endpoints.map(
					(endpoint) => `${endpoint.label} (${endpoint.role}, \`${endpoint.model}\`)`
				),
				judgments: 0
			};
			study.judgments++;
			this.studies.set(record.study.id, study);
		}
	}
}

function sizeCategory(rows: number): string {
	if (rows < 1_000) return 'n<1K';
	if (rows < 10_000) return '1K<n<10K';
	if (rows < 100_000) return '10K<n<100K';
	if (rows < 1_000_000) return '100K<n<1M';
	return '1M<n<10M';
}

/** YAML strings are written as JSON strings, which YAML reads as double-quoted scalars. */
const yaml = (text: string) => JSON.stringify(text);

export function hubDatasetCard(
	summary: HubSummary,
	options: { title: string; exportedAt: string; app: string }
): string {
	const studies = [...summary.studies.values()];
	const kinds = (kind: string) => summary.trialKinds.get(kind) ?? 0;
	const schema = PARQUET_COLUMNS.map(([name, type]) => `| \`${name}\` | ${type} |`).join('\n');
	const design = studies
		.map(
			(study) =>
				`- **${study.name}** — ${study.judgments} judgments; pairing \`${study.pairing}\`; seed ${study.seed}; endpoints: ${study.endpoints.join('; ')}`
		)
		.join('\n');
	return `---
license: other
license_name: unspecified
license_link: LICENSE
pretty_name: ${yaml(options.title)}
language:
- en
tags:
- human-feedback
- pairwise-preference
- llm-evaluation
- trait-arena
size_categories:
- ${sizeCategory(summary.judgments)}
configs:
- config_name: default
  data_files:
  - split: train
    path: data/*.parquet
---

# ${options.title}

Blind side-by-side human judgments of language-model answers, exported by Trait Arena
${options.app} on ${options.exportedAt.slice(0, 10)}.

${summary.judgments} judgments from ${summary.raters.size} rater(s) in ${studies.length} ${studies.length === 1 ? 'study' : 'studies'}.

**Licence:** not set. The prompts may come from datasets with their own licences, and the answers
from models with their own terms: set \`license\` above (and add a LICENSE file) before publishing.

## Design

${design}

Each trial shows two answers to the same prompt, sides assigned at random from the study's seed
(balanced per pair); the rater gives an overall verdict, per-trait verdicts${summary.traits.size ? ` (${[...summary.traits].sort().join(', ')})` : ''},
side flags and an optional rationale.

## Blinding and quality control

- Raters never saw which model wrote which answer: labels, order and timing of reveal carry no
  identity, and answers that named a model or vendor are flagged (\`leak_flagged\`:
  ${summary.leakFlagged} judgment(s)).
- Trials by kind: ${kinds('main')} main, ${kinds('attention')} attention checks (one side
  deliberately degraded; \`gold\` names the better side), ${kinds('swap')} swapped re-shows
  (\`swap_of\` names the original trial). Analyses usually keep \`trial_kind = 'main'\` and use
  the others to screen raters.
- Rater ids are pseudonyms chosen by the raters.

## Loading

\`\`\`python
from datasets import load_dataset
ds = load_dataset("path/to/this/folder")
\`\`\`

\`\`\`sql
SELECT winner_label, count(*) FROM 'data/*.parquet' WHERE trial_kind = 'main' GROUP BY ALL;
\`\`\`

## Schema

One row per judgment. JSON columns hold text with the JSON logical type (lists of slugs,
conversations, per-trait choices).

| column | type |
| --- | --- |
${schema}
`;
}
