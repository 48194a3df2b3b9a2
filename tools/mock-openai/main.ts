// `npm run mock`: the mock server as a process, for Playwright's webServer, benchmarks and manual
// runs. It prints exactly one line once listening, which is what start-up scripts wait for.

import { createMockServer } from './server';

const DEFAULT_PORT = 8787;

function readPort(text: string | undefined): number {
	if (text === undefined || text === '') return DEFAULT_PORT;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be an integer from 0 to 65535, got '${text}'`);
	}
	return port;
}

const keys = (process.env.MOCK_KEYS ?? '')
	.split(',')
	.map((key) => key.trim())
	.filter((key) => key !== '');
const mock = createMockServer(keys.length > 0 ? { keys } : {});
const baseUrl = await mock.listen(readPort(process.env.PORT));
console.log(`mock-openai listening on ${baseUrl}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		void mock.close().then(() => process.exit(0));
	});
}
