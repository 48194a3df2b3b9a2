// Exported files are named after studies and raters: the name must be safe on every OS, readable,
// and hold nothing but the given text (no ids, no endpoint names).
export function fileSlug(text: string, fallback = 'study', maxLength = 60): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, maxLength)
		.replace(/-+$/, '');
	return slug || fallback;
}
