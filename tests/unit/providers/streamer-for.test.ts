import { describe, expect, it } from 'vitest';
import { streamerFor } from '$lib/providers/streamer-for';
import { streamChat } from '$lib/providers/openai-compatible';
import { simulatedStreamer } from '$lib/demo/simulated-streamer';
import { corsHint, presetById, PRESETS } from '$lib/providers/presets';

describe('streamerFor', () => {
	it('uses the in-page simulator for the demo preset and the SDK client otherwise', async () => {
		expect(await streamerFor({ preset: 'demo' })).toBe(simulatedStreamer);
		expect(await streamerFor({ preset: 'openai' })).toBe(streamChat);
		expect(await streamerFor({ preset: 'custom' })).toBe(streamChat);
	});
});

describe('presets', () => {
	it('cover the servers researchers use, each with a base URL and a CORS hint', () => {
		const ids = PRESETS.map((preset) => preset.id);
		for (const id of [
			'openai',
			'openrouter',
			'together',
			'groq',
			'fireworks',
			'vllm',
			'ollama',
			'lmstudio',
			'llamacpp',
			'custom',
			'demo'
		]) {
			expect(ids).toContain(id);
		}
		for (const preset of PRESETS) {
			if (preset.id !== 'custom') expect(preset.baseURL).toMatch(/^https?:\/\/.+\/v1$/);
			expect(preset.corsHint.length).toBeGreaterThan(20);
		}
	});

	it('fill this page’s origin into the hint and fall back to custom', () => {
		expect(corsHint('ollama', 'http://127.0.0.1:4173')).toContain(
			'OLLAMA_ORIGINS=http://127.0.0.1:4173'
		);
		expect(corsHint('vllm', 'https://a.example')).toContain('--allowed-origins');
		expect(corsHint('lmstudio', undefined)).toMatch(/Enable CORS/);
		expect(presetById('nope').id).toBe('custom');
	});
});
