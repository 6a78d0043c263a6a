import { describe, expect, it } from 'vitest';
import { checkPhoto, detectImageType } from '$lib/server/portraits/photos';
import { PHOTO_MAX_BYTES } from '$lib/portraits/model';
import { JPEG, PNG, WEBP } from './images';

describe('photo type by magic bytes', () => {
	it('recognizes JPEG, PNG and WebP', () => {
		expect(detectImageType(JPEG)).toBe('image/jpeg');
		expect(detectImageType(PNG)).toBe('image/png');
		expect(detectImageType(WEBP)).toBe('image/webp');
	});

	it('refuses anything else: GIF, SVG, a RIFF that is not WebP, truncated headers', () => {
		expect(detectImageType(new TextEncoder().encode('GIF89a'))).toBeNull();
		expect(
			detectImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))
		).toBeNull();
		expect(
			detectImageType(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]))
		).toBeNull();
		expect(detectImageType(PNG.slice(0, 5))).toBeNull();
		expect(detectImageType(new Uint8Array())).toBeNull();
	});

	it('checks an upload by its bytes, not by its name or claimed type', async () => {
		const spoofed = new File([new TextEncoder().encode('<html>not an image</html>')], 'me.png', {
			type: 'image/png'
		});
		await expect(checkPhoto(spoofed)).rejects.toMatchObject({
			code: 'photo_type_unsupported',
			field: 'photo'
		});
		const renamed = new File([PNG], 'photo.txt', { type: 'text/plain' });
		await expect(checkPhoto(renamed)).resolves.toMatchObject({ contentType: 'image/png' });
		const big = new File([JPEG, new Uint8Array(PHOTO_MAX_BYTES)], 'big.jpg', {
			type: 'image/jpeg'
		});
		await expect(checkPhoto(big)).rejects.toMatchObject({ code: 'photo_too_large', status: 413 });
		await expect(checkPhoto(null)).rejects.toMatchObject({ code: 'photo_required' });
		await expect(checkPhoto(new File([], 'empty.jpg'))).rejects.toMatchObject({
			code: 'photo_required'
		});
		await expect(checkPhoto('text field')).rejects.toMatchObject({ code: 'photo_required' });
	});
});
