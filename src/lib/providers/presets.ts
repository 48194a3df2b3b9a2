// What each kind of server needs before a browser tab may call it. Browsers enforce CORS, so the
// hint for enabling it is as important as the base URL: a researcher who sees "blocked by CORS"
// must learn the exact switch for *their* server, not a generic explanation.

export interface Preset {
	id: string;
	name: string;
	/** Suggested base URL (ends in /v1); empty for custom. */
	baseURL: string;
	/** Where the key comes from and what it looks like; empty when no key is needed. */
	keyHint: string;
	/** Whether the server normally needs a key. */
	needsKey: boolean;
	/** How to let this page's origin call the server; `{origin}` is replaced with it. */
	corsHint: string;
}

export const DEMO_PRESET_ID = 'demo';

export const PRESETS: readonly Preset[] = [
	{
		id: 'openai',
		name: 'OpenAI',
		baseURL: 'https://api.openai.com/v1',
		keyHint: 'A secret key starting sk-, from platform.openai.com/api-keys.',
		needsKey: true,
		corsHint:
			'The OpenAI API accepts browser requests. If it is blocked, a browser extension, proxy or company firewall is in the way.'
	},
	{
		id: 'openrouter',
		name: 'OpenRouter',
		baseURL: 'https://openrouter.ai/api/v1',
		keyHint: 'A key starting sk-or-, from openrouter.ai/settings/keys.',
		needsKey: true,
		corsHint:
			'OpenRouter accepts browser requests. If it is blocked, a browser extension, proxy or company firewall is in the way.'
	},
	{
		id: 'together',
		name: 'Together AI',
		baseURL: 'https://api.together.xyz/v1',
		keyHint: 'A key from api.together.ai/settings/api-keys.',
		needsKey: true,
		corsHint:
			'Together AI normally accepts browser requests. If it is blocked, call it through a proxy that adds CORS headers for {origin}.'
	},
	{
		id: 'groq',
		name: 'Groq',
		baseURL: 'https://api.groq.com/openai/v1',
		keyHint: 'A key starting gsk_, from console.groq.com/keys.',
		needsKey: true,
		corsHint:
			'Groq normally accepts browser requests. If it is blocked, call it through a proxy that adds CORS headers for {origin}.'
	},
	{
		id: 'fireworks',
		name: 'Fireworks AI',
		baseURL: 'https://api.fireworks.ai/inference/v1',
		keyHint: 'A key starting fw_, from fireworks.ai/account/api-keys.',
		needsKey: true,
		corsHint:
			'Fireworks normally accepts browser requests. If it is blocked, call it through a proxy that adds CORS headers for {origin}.'
	},
	{
		id: 'vllm',
		name: 'vLLM',
		baseURL: 'http://localhost:8000/v1',
		keyHint: 'The --api-key vLLM was started with; leave empty if it has none.',
		needsKey: false,
		corsHint:
			'Start vLLM with --allowed-origins \'["{origin}"]\' (and keep --allowed-headers at its default, which allows Authorization).'
	},
	{
		id: 'ollama',
		name: 'Ollama',
		baseURL: 'http://localhost:11434/v1',
		keyHint: 'Ollama needs no key; leave empty.',
		needsKey: false,
		corsHint:
			'Restart Ollama with OLLAMA_ORIGINS={origin} set (e.g. OLLAMA_ORIGINS={origin} ollama serve, or launchctl setenv / systemctl edit ollama.service on macOS / Linux).'
	},
	{
		id: 'lmstudio',
		name: 'LM Studio',
		baseURL: 'http://localhost:1234/v1',
		keyHint: 'LM Studio needs no key; leave empty.',
		needsKey: false,
		corsHint:
			'In LM Studio open Developer → Server Settings and switch on "Enable CORS" (or run lms server start --cors).'
	},
	{
		id: 'llamacpp',
		name: 'llama.cpp server',
		baseURL: 'http://localhost:8080/v1',
		keyHint: 'The --api-key llama-server was started with; leave empty if it has none.',
		needsKey: false,
		corsHint:
			'llama-server answers browser requests by default; if a proxy sits in front of it, make the proxy pass CORS headers for {origin}.'
	},
	{
		id: 'custom',
		name: 'Custom (OpenAI-compatible)',
		baseURL: '',
		keyHint: 'Whatever key the server expects as "Authorization: Bearer <key>"; empty if none.',
		needsKey: false,
		corsHint:
			'The server must answer OPTIONS preflight requests and send Access-Control-Allow-Origin: {origin}, allowing the Authorization and Content-Type headers (a * in Allow-Headers does not cover Authorization).'
	},
	{
		id: DEMO_PRESET_ID,
		name: 'Demo (built-in, no network)',
		baseURL: 'https://demo.trait-arena.invalid/v1',
		keyHint: 'The demo endpoint needs no key.',
		needsKey: false,
		corsHint: 'The demo endpoint runs inside this page; CORS does not apply.'
	}
];

export function presetById(id: string | undefined): Preset {
	return (
		PRESETS.find((preset) => preset.id === id) ??
		PRESETS.find((preset) => preset.id === 'custom') ??
		(PRESETS[0] as Preset)
	);
}

/** The CORS hint for a preset with this page's origin filled in. */
export function corsHint(presetId: string | undefined, origin: string | undefined): string {
	return presetById(presetId).corsHint.replaceAll('{origin}', origin || 'this page’s origin');
}

export function pageOrigin(): string | undefined {
	return typeof location === 'undefined' ? undefined : location.origin;
}
