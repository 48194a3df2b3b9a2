import { describe, expect, it } from 'vitest';
import { filterOf } from '$lib/transfer/filter';
import { TransferJobs } from '$lib/transfer/transfer.svelte';
import type { ExportedFile } from '$lib/transfer/export-worker-api';
import { testDb } from '../db/test-db';
import { syntheticWorld } from '../core/analysis/synthetic';
import { seedWorld } from './seed';

describe('export filter from the form', () => {
	it('turns whole local days into [from, day after to) and drops empty choices', () => {
		const filter = filterOf({
			studyId: '',
			raterId: 'ada',
			fromDate: '2026-11-01',
			toDate: '2026-11-02'
		});
		expect(filter.studyId).toBeUndefined();
		expect(filter.raterId).toBe('ada');
		expect(filter.from).toBe(new Date(2026, 10, 1).toISOString());
		expect(filter.to).toBe(new Date(2026, 10, 3).toISOString());
	});
});

describe('TransferJobs', () => {
	it('downloads an export and says what it wrote', async () => {
		const db = testDb();
		await seedWorld(db, syntheticWorld({ judgments: 5, items: 2 }));
		const downloads: ExportedFile[] = [];
		const jobs = new TransferJobs({ db: () => db, download: (result) => downloads.push(result) });
		await jobs.export('jsonl', { studyId: 'study-syn', studyName: 'Synthetic study' });
		expect(downloads).toHaveLength(1);
		expect(downloads[0]?.name).toMatch(
			/^trait-arena_synthetic-study_\d{4}-\d\d-\d\d\.judgments\.jsonl$/
		);
		expect(jobs.message).toContain('Exported 5 judgments as JSONL judgments');
		expect(jobs).toMatchObject({ busy: false, lastJob: 'export', error: '' });
	});

	it('imports a file and reports the merge; a bad file imports nothing and lists where', async () => {
		const source = testDb();
		await seedWorld(source, syntheticWorld({ judgments: 3, items: 2 }));
		const downloads: ExportedFile[] = [];
		await new TransferJobs({ db: () => source, download: (r) => downloads.push(r) }).export(
			'jsonl'
		);
		const text = (await downloads[0]?.file.text()) ?? '';
		const target = testDb();
		const jobs = new TransferJobs({ db: () => target });
		await jobs.import(new File([text], 'ada.jsonl'));
		expect(jobs.report?.tables.find((table) => table.table === 'judgments')?.new).toBe(3);
		expect(jobs.message).toContain('Imported ada.jsonl: 3 judgments read');

		await jobs.import(new File([`${text}{"format":"trait-arena/judgments"}\n`], 'bad.jsonl'));
		expect(jobs.report).toBeUndefined();
		expect(jobs.error).toMatch(/^Nothing was imported: bad\.jsonl has \d+ problems?\.$/);
		expect(jobs.issues[0]).toMatch(/^bad\.jsonl, row 4, field "schema"/);
	});
});
