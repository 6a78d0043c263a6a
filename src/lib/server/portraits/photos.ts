// A portrait's photo or avatar: checked by its first bytes (never by its name or the type the
// browser claims), at most 2 MiB (a larger upload is refused before its body is read), stored
// apart from the portrait row, and served with its own content type, an ETag and a cache lifetime
// that follows the version in its address.
import { eq, sql } from 'drizzle-orm';
import { PHOTO_MAX_BYTES, type PhotoType } from '$lib/portraits/model';
import type { Db } from '../db';
import { portraitPhotos, portraits } from '../db/schema';
import { DomainError, notFound } from '../errors';
import { loadPortraitAccess, requirePortraitEditor, type PortraitActor } from './access';

/** The image type `bytes` start with: JPEG, PNG or WebP; null for anything else. */
export function detectImageType(bytes: Uint8Array): PhotoType | null {
	const startsWith = (signature: number[], offset = 0) =>
		bytes.length >= offset + signature.length &&
		signature.every((byte, index) => bytes[offset + index] === byte);
	if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	// RIFF <size> WEBP, then a VP8 / VP8L / VP8X chunk.
	if (
		startsWith([0x52, 0x49, 0x46, 0x46]) &&
		startsWith([0x57, 0x45, 0x42, 0x50], 8) &&
		startsWith([0x56, 0x50, 0x38], 12)
	)
		return 'image/webp';
	return null;
}

/** The checked bytes and type of an uploaded file; throws a field error on `photo` otherwise. */
export async function checkPhoto(
	file: FormDataEntryValue | null
): Promise<{ bytes: Uint8Array; contentType: PhotoType }> {
	if (!(file instanceof File) || file.size === 0)
		throw new DomainError('photo_required', 400, 'photo');
	if (file.size > PHOTO_MAX_BYTES) throw new DomainError('photo_too_large', 413, 'photo');
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (bytes.length > PHOTO_MAX_BYTES) throw new DomainError('photo_too_large', 413, 'photo');
	const contentType = detectImageType(bytes);
	if (!contentType) throw new DomainError('photo_type_unsupported', 415, 'photo');
	return { bytes, contentType };
}

/** Room a multipart form needs besides the photo itself: boundaries, part headers, other fields. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** True for the error a request body over the server's BODY_SIZE_LIMIT fails with (status 413). */
function isBodyTooLarge(error: unknown): boolean {
	return typeof error === 'object' && error !== null && 'status' in error && error.status === 413;
}

/**
 * Reads a body to its end, keeping none of it. An answer given while the body is still unread
 * would leave adapter-node's request paused, and the browser's next request on that connection
 * would fail; a body over the server's limit ends the read with an error, which is fine here.
 */
async function discardBody(request: Request): Promise<void> {
	const reader = request.body?.getReader();
	if (!reader) return;
	try {
		while (!(await reader.read()).done);
	} catch {
		// Over BODY_SIZE_LIMIT: adapter-node stopped reading it.
	}
}

/**
 * The `photo` field of an upload form. A body announced larger than a photo can be is refused
 * without being parsed or kept, and one over the server's body limit as soon as it passes it:
 * both as `photo_too_large` on the field, never as a failed request. A body that is not a form is
 * `invalid_input`.
 */
export async function readPhotoUpload(request: Request): Promise<FormDataEntryValue | null> {
	const announced = Number(request.headers.get('content-length'));
	if (announced > PHOTO_MAX_BYTES + FORM_OVERHEAD_BYTES) {
		await discardBody(request);
		throw new DomainError('photo_too_large', 413, 'photo');
	}
	try {
		return (await request.formData()).get('photo');
	} catch (error) {
		if (isBodyTooLarge(error)) throw new DomainError('photo_too_large', 413, 'photo');
		throw new DomainError('invalid_input', 400, 'photo');
	}
}

/** Stores (or replaces) a portrait's photo; returns its new version. Editors only. */
export async function uploadPortraitPhoto(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string,
	file: FormDataEntryValue | null
): Promise<number> {
	await requirePortraitEditor(db, actor, workspaceId, portraitId);
	const { bytes, contentType } = await checkPhoto(file);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(portraitPhotos)
			.values({ portraitId, contentType, bytes })
			.onConflictDoUpdate({
				target: portraitPhotos.portraitId,
				// clock_timestamp: a replacement within the same transaction time still gets a new version.
				set: { contentType, bytes, updatedAt: sql`clock_timestamp()` }
			})
			.returning({ updatedAt: portraitPhotos.updatedAt });
		await tx
			.update(portraits)
			.set({ updatedAt: sql`now()` })
			.where(eq(portraits.id, portraitId));
		return row.updatedAt.getTime();
	});
}

/** Removes a portrait's photo (nothing happens when it has none). Editors only. */
export async function removePortraitPhoto(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string
): Promise<void> {
	await requirePortraitEditor(db, actor, workspaceId, portraitId);
	await db.delete(portraitPhotos).where(eq(portraitPhotos.portraitId, portraitId));
}

/** A stored photo. */
export type StoredPhoto = { contentType: string; bytes: Uint8Array; version: number };

/** A portrait's photo for anyone who may read the portrait; not found when it has none. */
export async function loadPortraitPhoto(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string
): Promise<StoredPhoto> {
	await loadPortraitAccess(db, actor, workspaceId, portraitId);
	const [row] = await db
		.select()
		.from(portraitPhotos)
		.where(eq(portraitPhotos.portraitId, portraitId));
	if (!row) throw notFound();
	return { contentType: row.contentType, bytes: row.bytes, version: row.updatedAt.getTime() };
}

/** One year: an address with the current version never changes what it serves. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

/**
 * The HTTP answer for a photo. An address carrying the current version (`?v=`) may be cached for
 * good (a new photo gets a new address); any other is revalidated by its ETag every time. The
 * cache is private: a photo is visible only to people of the workspace.
 */
export function photoResponse(photo: StoredPhoto, request: Request, url: URL): Response {
	const etag = `"${photo.version}"`;
	const headers = new Headers({
		'content-type': photo.contentType,
		'cache-control':
			url.searchParams.get('v') === String(photo.version) ? IMMUTABLE : 'private, no-cache',
		etag,
		'x-content-type-options': 'nosniff',
		'content-security-policy': "default-src 'none'; sandbox",
		'content-disposition': 'inline'
	});
	const match = request.headers.get('if-none-match');
	if (match && match.split(',').some((tag) => tag.trim() === etag))
		return new Response(null, { status: 304, headers });
	headers.set('content-length', String(photo.bytes.length));
	// A copy in a plain ArrayBuffer: the Response body type does not take a view of a shared buffer.
	return new Response(photo.bytes.slice().buffer, { status: 200, headers });
}
