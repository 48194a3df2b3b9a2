// Files leave the app as downloads from a blob URL: no server, no inline script, works offline.
// The URL is revoked once the browser has surely taken the file, so large exports do not linger.
export function downloadFile(name: string, parts: BlobPart | BlobPart[], type: string): void {
	const url = URL.createObjectURL(new Blob(Array.isArray(parts) ? parts : [parts], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
