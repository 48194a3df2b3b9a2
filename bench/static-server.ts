// Serves the built app (dist/ or DIST_DIR) from a tiny static server on a free port, for the
// benchmarks that drive it in Chromium. Unknown paths fall back to index.html (hash routes).
// `mounts` serve other folders under a path prefix of the same origin (bench pages that seed the
// app's own database).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon'
};

export function serveDist(
	root: string,
	mounts: Record<string, string> = {}
): Promise<{ server: Server; url: string }> {
	const server = createServer((request, response) => {
		let path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
		const prefix = Object.keys(mounts).find((mount) => path.startsWith(mount));
		const base = normalize(prefix ? (mounts[prefix] as string) : root);
		if (prefix) path = path.slice(prefix.length - 1);
		let file = normalize(join(base, path));
		if (!file.startsWith(base)) return void response.writeHead(403).end();
		if (!existsSync(file) || statSync(file).isDirectory()) file = join(base, 'index.html');
		if (!existsSync(file)) return void response.writeHead(404).end();
		response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		response.end(readFileSync(file));
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			resolve({ server, url: `http://127.0.0.1:${port}/` });
		})
	);
}
