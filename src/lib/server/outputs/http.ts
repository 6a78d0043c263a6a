// What the download routes share: file names and downloads.

/** A file download: never cached, saved under `fileName` (UTF-8 names per RFC 6266, with an ASCII fallback). */
export function download(body: string, fileName: string, contentType: string): Response {
	// The plain fallback keeps the ASCII of the name; a title in another script becomes "session".
	const dot = fileName.includes('.') ? fileName.indexOf('.') : fileName.length;
	const stem = fileName
		.slice(0, dot)
		.replace(/[^A-Za-z0-9-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^-|-$/g, '');
	const ascii = `${/[A-Za-z]/.test(stem) ? stem : ['session', stem].filter(Boolean).join('-')}${fileName.slice(dot).replace(/[^A-Za-z0-9.-]/g, '')}`;
	return new Response(body, {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'private, no-store'
		}
	});
}

/** A title reduced to letters, digits and dashes (any script), at most 60 characters; `fallback` when none is left. */
export function fileStem(title: string, fallback: string): string {
	return (
		title
			.normalize('NFKC')
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.replace(/-+$/, '') || fallback
	);
}
