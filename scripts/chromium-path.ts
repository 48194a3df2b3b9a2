// Playwright's own Chromium when installed; otherwise the system one (Debian's `chromium`
// package), for machines that cannot download Playwright's browsers. Used by the e2e config and
// the browser benchmarks alike.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = [
	'/usr/lib/chromium/chromium',
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser'
];

/** undefined means "Playwright's own browser"; else the path of the system browser. */
export function chromiumExecutablePath(): string | undefined {
	try {
		if (existsSync(chromium.executablePath())) return undefined;
	} catch {
		// Playwright's browser is not installed: fall through to the system one.
	}
	return SYSTEM_CHROMIUM.find((path) => existsSync(path));
}
