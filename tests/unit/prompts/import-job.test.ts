// ImportJob end to end with the in-page engine and fake-indexeddb: nothing is written before
// confirm, confirm writes all or nothing, and every malformed file leaves the database exactly
// as it was (rows counted before and after).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportPromptSet } from '$lib/core/codecs/import';
import type { ArenaDB } from '$lib/db/arena-db';
import { addPromptSet } from '$lib/db/repos/prompts';
import { ImportJob } from '$lib/prompts/import-job.svelte';
import type { ImportPreview } from '$lib/prompts/import-engine';
import type { WorkerReply, WorkerRequest } from '$lib/prompts/import-protocol';
import { makeItem, makePromptSet } from '../factories';
import { testDb } from '../db/test-db';
import { DATASETS, OWN_FIXTURES } from '../core/codecs/import/helpers';
import { countItems, forEachItem, itemsOfSet } from '$lib/db/repos/item-pages';

let db: ArenaDB;

beforeEach(async () => {
	db = testDb();
	await addPromptSet(db, makePromptSet(), [
		makeItem(),
		makeItem({ id: 'item-2', turns: ['Can I give my dog ibuprofen?'] })
	]);
});

function fileFrom(path: string, name = path.split('/').pop() ?? path): File {
	return new File([readFileSync(path)], name);
}

async function allItemIds(): Promise<string[]> {
	const ids: string[] = [];
	await forEachItem(db, (item) => void ids.push(item.id));
	return ids.sort();
}

async function snapshot() {
	return {
		sets: await db.promptSets.count(),
		items: await countItems(db),
		ids: await allItemIds()
	};
}

function newJob() {
	return new ImportJob({ db: () => db, useWorker: false });
}

describe('importing a dataset through the job', () => {
	it('previews first, writes nothing until confirm, then writes the set and all items', async () => {
		const before = await snapshot();
		const job = newJob();
		await job.open(fileFrom(DATASETS + 'truthfulqa/TruthfulQA.csv'));
		expect(job.phase).toBe('ready');
		expect(job.preview?.formatLabel).toBe('TruthfulQA');
		expect(job.preview?.counts).toEqual({ rows: 153, valid: 153, invalid: 0, duplicates: 0 });
		expect(job.preview?.preview).toHaveLength(20);
		expect(job.setName).toBe('TruthfulQA');
		expect(job.canImport).toBe(true);
		expect(await snapshot()).toEqual(before);

		job.setName = 'TruthfulQA sample';
		await job.confirm();
		expect(job.phase).toBe('done');
		expect(job.outcome).toMatchObject({ added: 153, duplicates: 0, setName: 'TruthfulQA sample' });
		const after = await snapshot();
		expect(after.sets).toBe(before.sets + 1);
		expect(after.items).toBe(before.items + 153);
		const set = await db.promptSets.get(job.outcome?.setId ?? '');
		expect(set).toMatchObject({
			name: 'TruthfulQA sample',
			origin: 'imported',
			license: 'Apache-2.0'
		});
	});

	it('a second import of the same file finds every row already in the library', async () => {
		const first = newJob();
		await first.open(fileFrom(DATASETS + 'xstest/xstest_prompts.csv'));
		await first.confirm();
		const before = await snapshot();
		const again = newJob();
		await again.open(fileFrom(DATASETS + 'xstest/xstest_prompts.csv'));
		expect(again.preview?.counts).toEqual({ rows: 148, valid: 0, invalid: 0, duplicates: 148 });
		expect(again.canImport).toBe(false);
		await again.confirm();
		expect(await snapshot()).toEqual(before);
	});

	it('a generic CSV waits for a mapping, then imports with it', async () => {
		const job = newJob();
		const csv = 'col_a,col_b\nWhat is a tort?,law\nHow do vaccines work?,health\n';
		await job.open(new File([csv], 'mine.csv'));
		expect(job.preview?.needsMapping).toBe(true);
		expect(job.canImport).toBe(false);
		await job.applyMapping({ prompt: 'col_a', domain: 'col_b', constantTraits: ['truthfulness'] });
		expect(job.preview?.counts.valid).toBe(2);
		await job.confirm();
		const items = await itemsOfSet(db, job.outcome?.setId ?? '');
		expect(items.map((item) => [item.turns[0], item.domain, item.traits])).toEqual([
			['What is a tort?', 'law', ['truthfulness']],
			['How do vaccines work?', 'health', ['truthfulness']]
		]);
	});

	it('invalid rows block the import until the user chooses to skip them', async () => {
		const job = newJob();
		await job.open(fileFrom(OWN_FIXTURES + 'mt-bench-invalid-line-7.jsonl'));
		expect(job.preview?.counts).toEqual({ rows: 10, valid: 9, invalid: 1, duplicates: 0 });
		expect(job.canImport).toBe(false);
		const before = await snapshot();
		await job.confirm();
		expect(await snapshot()).toEqual(before);
		job.skipInvalid = true;
		expect(job.canImport).toBe(true);
		await job.confirm();
		expect(job.outcome?.added).toBe(9);
	});

	it('cancel drops the preview and writes nothing', async () => {
		const before = await snapshot();
		const job = newJob();
		const opening = job.open(fileFrom(DATASETS + 'mt-bench/question.jsonl'));
		job.cancel();
		await opening;
		expect(job.phase).toBe('idle');
		expect(job.preview).toBeUndefined();
		expect(job.message).toBe('Import cancelled: nothing was written.');
		expect(await snapshot()).toEqual(before);
	});

	it('leaving the page drops a preview but never a started write', async () => {
		const job = newJob();
		await job.open(fileFrom(DATASETS + 'bbq/Age.jsonl'));
		job.release();
		expect(job.phase).toBe('idle');
		await job.open(fileFrom(DATASETS + 'bbq/Age.jsonl'));
		const writing = job.confirm();
		job.release();
		await writing;
		expect(job.outcome?.added).toBe(40);
	});
});

describe('malformed files leave the database exactly as it was', () => {
	const CASES: [file: string, expected: RegExp][] = [
		['mt-bench-invalid-line-7.jsonl', /mt-bench-invalid-line-7\.jsonl, line 7: is not valid JSON/],
		[
			'TruthfulQA-no-question.csv',
			/TruthfulQA-no-question\.csv, field "Question": .*"Question" is missing/
		],
		[
			'mt-bench-wrong-type.jsonl',
			/mt-bench-wrong-type\.jsonl, line 3, field "turns": must be a list of text, not a number \(got 42\)/
		],
		['empty.csv', /empty\.csv: The file is empty/],
		['binary.jsonl', /binary\.jsonl: This looks like a binary file/],
		[
			'unclosed-quote.csv',
			/unclosed-quote\.csv, row 3 \(line 4\): has a quoted field that is never closed/
		]
	];

	it.each(CASES)('%s', async (file, expected) => {
		const before = await snapshot();
		const job = newJob();
		await job.open(fileFrom(OWN_FIXTURES + file));
		expect(job.canImport).toBe(false);
		const { formatImportIssue } = await import('$lib/core/codecs/import');
		expect(job.preview?.issues.map(formatImportIssue).join('\n')).toMatch(expected);
		await job.confirm();
		expect(job.phase).toBe('ready');
		expect(await snapshot()).toEqual(before);
	});

	it('a failure in the middle of the write rolls back the whole import', async () => {
		// Item "item-1" already exists (another set, other content): the write fails, and
		// the transaction takes back the set it had already written.
		const set = makePromptSet({ id: 'set-new', name: 'Conflicting' });
		const items = Array.from({ length: 2500 }, (_, index) =>
			makeItem({
				id: `new-${String(index).padStart(5, '0')}`,
				setId: 'set-new',
				turns: [`Prompt ${index}`]
			})
		);
		items.push(makeItem({ id: 'item-1', setId: 'set-new', turns: ['Different content'] }));
		const text = exportPromptSet(set, items, {
			app: '0.1.0',
			exportedAt: '2026-11-23T12:00:00.000Z'
		});
		const before = await snapshot();
		const job = newJob();
		await job.open(new File([text], 'conflict.prompts.jsonl'));
		expect(job.preview?.counts.valid).toBe(2501);
		await job.confirm();
		expect(job.error).toMatch(/Prompt item id item-1 is already in the library/);
		expect(job.phase).toBe('ready');
		expect(await snapshot()).toEqual(before);
	});
});

/** Stands in for the import worker: records what the job asks of it, answers a load with a preview
 * (tests answer anything else themselves). */
class FakeWorker {
	static started: FakeWorker[] = [];
	onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	requests: WorkerRequest['type'][] = [];
	terminated = false;

	constructor() {
		FakeWorker.started.push(this);
	}

	reply(message: WorkerReply) {
		this.onmessage?.({ data: message } as MessageEvent<WorkerReply>);
	}

	postMessage(request: WorkerRequest) {
		this.requests.push(request.type);
		if (request.type !== 'load') return;
		const preview: ImportPreview = {
			file: 'a.jsonl',
			kind: 'jsonl',
			formatId: 'generic',
			formatLabel: 'JSONL',
			columns: ['prompt'],
			needsMapping: false,
			fatal: false,
			preview: [],
			counts: { rows: 1, valid: 1, invalid: 0, duplicates: 0 },
			issues: [],
			issueTotal: 0,
			duplicates: [],
			duplicateTotal: 0,
			setName: 'a'
		};
		queueMicrotask(() => {
			this.reply({ type: 'progress', progress: { stage: 'checking', done: 1, total: 2 } });
			this.reply({ id: request.id, type: 'preview', preview });
		});
	}

	terminate() {
		this.terminated = true;
	}
}

describe('the import worker is started before a file is chosen', () => {
	beforeEach(() => {
		FakeWorker.started = [];
		vi.stubGlobal('Worker', FakeWorker);
	});
	afterEach(() => vi.unstubAllGlobals());

	const file = () => new File(['{"prompt":"Hi"}\n'], 'a.jsonl');

	function warmJob(): ImportJob {
		const job = new ImportJob({ db: () => db, useWorker: true });
		job.warm();
		return job;
	}

	/** The worker that served the last file is gone, and a second, live one waits for the next. */
	function expectNewSpare(used: FakeWorker | undefined) {
		expect(used?.terminated).toBe(true);
		expect(FakeWorker.started).toHaveLength(2);
		expect(FakeWorker.started[1]?.terminated).toBe(false);
	}

	it('opening a file uses the warm worker, and the next one is warmed after reset', async () => {
		const job = warmJob();
		expect(FakeWorker.started).toHaveLength(1);
		const [warm] = FakeWorker.started;
		await job.open(file());
		expect(FakeWorker.started).toHaveLength(1);
		expect(warm?.requests).toEqual(['load']);
		expect(job.phase).toBe('ready');

		job.reset();
		expectNewSpare(warm);
	});

	it('a finished import leaves a warm worker for the next file', async () => {
		const job = warmJob();
		await job.open(file());
		const [used] = FakeWorker.started;
		const confirming = job.confirm();
		used?.reply({
			id: 2,
			type: 'committed',
			outcome: { setId: 'set', setName: 'a', added: 1, duplicates: 0 }
		});
		await confirming;
		expect(job.phase).toBe('done');
		expectNewSpare(used);
	});

	it('progress a warm worker reports reaches only the run that uses it', async () => {
		const job = warmJob();
		FakeWorker.started[0]?.reply({
			type: 'progress',
			progress: { stage: 'reading', done: 0, total: 1 }
		});
		expect(job.progress).toBeUndefined();
		const opening = job.open(file());
		await Promise.resolve();
		expect(job.phase).toBe('loading');
		await opening;
		expect(job.preview?.setName).toBe('a');
	});

	it('leaving the page stops the spare worker and starts no other', async () => {
		const job = warmJob();
		job.release();
		expect(FakeWorker.started).toHaveLength(1);
		expect(FakeWorker.started[0]?.terminated).toBe(true);
		job.cancel();
		job.reset();
		expect(FakeWorker.started).toHaveLength(1);
	});
});
