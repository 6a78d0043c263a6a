// What the outputs routes share: the signed-in member of a request, and file downloads.
import { DomainError, unauthorized } from '../errors';

/** The signed-in member of a request; guests (who see nothing but their session) and strangers are refused. */
export function memberOf(locals: App.Locals): { id: string; name: string } {
	if (locals.user) return locals.user;
	if (locals.guest) throw new DomainError('guest_only_session', 403);
	throw unauthorized();
}

/** A file download: never cached, saved under `fileName` (UTF-8 names per RFC 6266, with an ASCII fallback). */
export function download(body: string, fileName: string, contentType: string): Response {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(body, {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'private, no-store'
		}
	});
}
