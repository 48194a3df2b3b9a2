import { describe, expect, it } from 'vitest';
import {
	DEFAULT_LEAK_TERMS,
	LeakScanner,
	leakTermsFor,
	scanForLeaks
} from '$lib/core/blinding/leak-scan';
import { makeEndpoint, makeResponse } from '../../factories';

describe('leak scan', () => {
	it('finds vendor and model names from the default list, whole words, any case', () => {
		const text = "As GPT-4o, made by OpenAI, I'm happy to help.";
		const terms = scanForLeaks(text, DEFAULT_LEAK_TERMS).map((match) => match.term);
		expect(terms).toEqual(expect.arrayContaining(['OpenAI', 'GPT']));
		expect(scanForLeaks('i am claude', DEFAULT_LEAK_TERMS).map((m) => m.term)).toEqual(['Claude']);
	});

	it('does not fire inside longer words', () => {
		expect(scanForLeaks('Grokking takes practice; a gptx file.', DEFAULT_LEAK_TERMS)).toEqual([]);
		expect(scanForLeaks('Drink water and rest.', DEFAULT_LEAK_TERMS)).toEqual([]);
	});

	it("adds the study's own terms and the endpoints' labels and models", () => {
		const terms = leakTermsFor(
			[makeEndpoint({ label: 'Zebra Tuned', model: 'acme/zebra-7b-chat' })],
			['Project Okapi'],
			[]
		);
		expect(terms).toEqual(['Project Okapi', 'Zebra Tuned', 'acme/zebra-7b-chat', 'zebra-7b-chat']);
		const scanner = new LeakScanner(terms);
		expect(scanner.scan('I am zebra-7b-chat, part of project okapi.').map((m) => m.term)).toEqual([
			'Project Okapi',
			'zebra-7b-chat'
		]);
	});

	it('scans answers and reasoning, not the user turns', () => {
		const scanner = new LeakScanner(['Okapi']);
		const clean = makeResponse({
			transcript: [
				{ role: 'user', content: 'Are you Okapi?' },
				{ role: 'assistant', content: 'I am an assistant.' }
			]
		});
		const leaking = makeResponse({
			transcript: [
				{ role: 'user', content: 'Hi' },
				{ role: 'assistant', content: 'Hello.', reasoning: 'As Okapi I should greet.' }
			]
		});
		expect(scanner.scanResponse(clean)).toEqual([]);
		const [match] = scanner.scanResponse(leaking);
		expect(match?.term).toBe('Okapi');
		expect(match?.excerpt).toContain('As Okapi I should');
	});

	it('treats terms as text, not as regular expressions', () => {
		expect(scanForLeaks('a.b+c', ['a.b+c'])).toHaveLength(1);
		expect(scanForLeaks('axbbc', ['a.b+c'])).toHaveLength(0);
	});
});
