import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

it('npm run mock prints one listening line, serves, and exits cleanly on SIGTERM', async () => {
	const child = spawn(TSX, ['tools/mock-openai/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: '0', MOCK_KEYS: 'sk-one, sk-two' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	try {
		let stdout = '';
		child.stdout.setEncoding('utf8');
		const line = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (text: string) => {
				stdout += text;
				if (stdout.includes('\n')) resolve(stdout);
			});
			child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
		});
		const match = /^mock-openai listening on (http:\/\/127\.0\.0\.1:\d+\/v1)\n$/.exec(line);
		expect(match).not.toBeNull();
		const baseUrl = match?.[1] ?? '';
		const withKey = (key: string) =>
			fetch(`${baseUrl}/models`, { headers: { authorization: `Bearer ${key}` } });
		expect((await withKey('sk-two')).status).toBe(200);
		expect((await withKey('sk-three')).status).toBe(401);

		const exited = once(child, 'exit');
		child.kill('SIGTERM');
		const [code] = (await exited) as [number | null];
		expect(code).toBe(0);
		expect(stdout).toBe(line);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}, 20_000);
