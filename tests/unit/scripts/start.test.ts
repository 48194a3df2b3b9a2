// `npm start` on a busy port: one plain sentence naming the port and how to choose another, no
// stack trace, and no build started for nothing.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';

function occupy(): Promise<{ server: Server; port: number }> {
	return new Promise((resolve) => {
		const server = createServer();
		server.listen({ port: 0, host: 'localhost' }, () => {
			const address = server.address();
			resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
		});
	});
}

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['scripts/start.mjs'], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('close', (code) => resolve({ code, stderr }));
	});
}

describe('npm start', () => {
	it('says which port is busy and how to choose another', async () => {
		const { server, port } = await occupy();
		try {
			const { code, stderr } = await start({ PORT: String(port) });
			expect(code).toBe(1);
			expect(stderr).toContain(`Port ${port} is busy`);
			expect(stderr).toContain(`PORT=${port + 1} npm start`);
			expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
		} finally {
			server.close();
		}
	});

	it('refuses a port that is not a number, naming it', async () => {
		const { code, stderr } = await start({ PORT: 'eighty' });
		expect(code).toBe(1);
		expect(stderr).toContain('PORT must be a whole number from 1 to 65535, not "eighty".');
	});
});
