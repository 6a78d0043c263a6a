// Photo uploads through the portrait page's actions: the type is read from the bytes (a renamed
// file is refused whatever its extension or claimed type), 2 MiB at most, a refused upload keeps
// the photo that was there; served with its type, an ETag, and a cache lifetime tied to its version.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { portraitPhotos } from '$lib/server/db/schema';
import { PHOTO_MAX_BYTES, type PortraitSummary } from '$lib/portraits/model';
import * as portraitPage from '../../../src/routes/(app)/w/[ws=uuid]/portraits/[id=uuid]/+page.server';
import * as listPage from '../../../src/routes/(app)/w/[ws=uuid]/portraits/+page.server';
import * as photoEndpoint from '../../../src/routes/(app)/w/[ws=uuid]/portraits/[id=uuid]/photo/+server';
import { JPEG, PNG, WEBP } from '../../unit/portraits/images';
import { blankPortrait, event, loaded, portraitWorld, post, type Requester } from './world';

async function setup() {
	const world = await portraitWorld();
	const id = await blankPortrait(world);
	const ws = world.workspaceId;
	const path = `/w/${ws}/portraits/${id}`;
	const upload = (file: File) =>
		portraitPage.actions.photo(event(world.people.alice, path, { ws, id }, post({ photo: file })));
	const get = (who: Requester, query = '', headers: Record<string, string> = {}) =>
		photoEndpoint.GET(event(who, `${path}/photo${query}`, { ws, id }, { headers }));
	return { world, id, ws, path, upload, get };
}

const stored = async (id: string) =>
	(await db.select().from(portraitPhotos).where(eq(portraitPhotos.portraitId, id)))[0];

describe('portrait photos', () => {
	it('accept JPEG, PNG and WebP by their bytes and serve each with its own type', async () => {
		const { id, upload, get, world } = await setup();
		for (const [bytes, type] of [
			[JPEG, 'image/jpeg'],
			[PNG, 'image/png'],
			[WEBP, 'image/webp']
		] as const) {
			// The name and the claimed type do not matter; the bytes do.
			expect(
				await upload(new File([bytes], 'upload.bin', { type: 'application/octet-stream' }))
			).toEqual({ photoSaved: true });
			expect((await stored(id)).contentType).toBe(type);
			const response = await get(world.people.rita);
			expect(response.headers.get('content-type')).toBe(type);
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
		}
	});

	it('refuse a file whose extension and type lie, and one over 2 MiB, keeping the photo there', async () => {
		const { id, upload } = await setup();
		await upload(new File([PNG], 'me.png', { type: 'image/png' }));
		const before = await stored(id);
		const spoofed = await upload(
			new File(['<svg onload="alert(1)"/>'], 'photo.jpg', { type: 'image/jpeg' })
		);
		expect(spoofed).toMatchObject({
			status: 415,
			data: { errors: { photo: ['photo_type_unsupported'] } }
		});
		const html = await upload(
			new File(['<!doctype html><script>alert(1)</script>'], 'avatar.webp', { type: 'image/webp' })
		);
		expect(html).toMatchObject({
			status: 415,
			data: { errors: { photo: ['photo_type_unsupported'] } }
		});
		const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
		big.set(JPEG);
		expect(await upload(new File([big], 'big.jpg', { type: 'image/jpeg' }))).toMatchObject({
			status: 413,
			data: { errors: { photo: ['photo_too_large'] } }
		});
		const exact = new Uint8Array(PHOTO_MAX_BYTES);
		exact.set(JPEG);
		expect(await upload(new File([exact], 'exactly-2mib.jpg'))).toEqual({ photoSaved: true });
		expect(await upload(new File([], 'empty.png'))).toMatchObject({
			status: 400,
			data: { errors: { photo: ['photo_required'] } }
		});
		const after = await stored(id);
		expect(after.contentType).toBe('image/jpeg');
		expect(after.bytes.length).toBe(PHOTO_MAX_BYTES);
		expect(before.contentType).toBe('image/png');
	});

	it('cache a versioned address for good, revalidate any other by ETag, and change the version with the photo', async () => {
		const { id, upload, get, world, ws } = await setup();
		await upload(new File([PNG], 'a.png'));
		const list = loaded(
			await listPage.load(event(world.people.rita, `/w/${ws}/portraits`, { ws }))
		);
		const version = (list.portraits as PortraitSummary[]).find(
			(portrait) => portrait.id === id
		)?.photoVersion;
		expect(version).toEqual(expect.any(Number));

		const versioned = await get(world.people.rita, `?v=${version}`);
		expect(versioned.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
		const etag = versioned.headers.get('etag');
		expect(etag).toBe(`"${version}"`);
		const plain = await get(world.people.rita);
		expect(plain.headers.get('cache-control')).toBe('private, no-cache');
		const revalidated = await get(world.people.rita, '', { 'if-none-match': etag ?? '' });
		expect(revalidated.status).toBe(304);
		expect(await revalidated.text()).toBe('');

		await upload(new File([JPEG], 'b.jpg'));
		const changed = await get(world.people.rita, '', { 'if-none-match': etag ?? '' });
		expect(changed.status).toBe(200);
		expect(changed.headers.get('etag')).not.toBe(etag);
		// The old address no longer matches the version, so it is not cached for good.
		expect((await get(world.people.rita, `?v=${version}`)).headers.get('cache-control')).toBe(
			'private, no-cache'
		);
	});

	it('remove a photo', async () => {
		const { id, upload, get, world, ws, path } = await setup();
		await upload(new File([PNG], 'a.png'));
		await portraitPage.actions.removePhoto(
			event(world.people.alice, path, { ws, id }, { method: 'POST' })
		);
		expect(await stored(id)).toBeUndefined();
		await expect(get(world.people.rita)).rejects.toMatchObject({ status: 404 });
	});
});
