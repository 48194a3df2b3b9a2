// Shared helpers for import tests: the public dataset samples (copied unchanged from the team's
// shared/fixtures/datasets into tests/fixtures/datasets, so a clean clone has them), and every
// analysis runs with a fixed set id and clock.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
	analyseTable,
	readTable,
	type AnalyseOptions,
	type ImportAnalysis
} from '$lib/core/codecs/import';

export const DATASETS = fileURLToPath(new URL('../../../../fixtures/datasets/', import.meta.url));
export const OWN_FIXTURES = fileURLToPath(new URL('../../../../fixtures/import/', import.meta.url));
export const NOW = '2026-11-23T10:00:00.000Z';

export function readDataset(path: string): string {
	return readFileSync(DATASETS + path, 'utf8');
}

export function analyseText(
	file: string,
	text: string,
	options: Partial<AnalyseOptions> = {}
): Promise<ImportAnalysis> {
	return analyseTable(readTable(file, text), { setId: 'set-test', now: NOW, ...options });
}

export function analyseDataset(path: string, options: Partial<AnalyseOptions> = {}) {
	return analyseText(path, readDataset(path), options);
}
