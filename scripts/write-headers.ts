// Rewrites the header files static hosts read from the one list in security-headers.ts.
import { writeFileSync } from 'node:fs';
import { netlifyHeaders, vercelHeaders } from './security-headers.ts';

writeFileSync(new URL('../public/_headers', import.meta.url), netlifyHeaders());
writeFileSync(
	new URL('../vercel.json', import.meta.url),
	`${JSON.stringify(vercelHeaders(), null, '\t')}\n`
);
