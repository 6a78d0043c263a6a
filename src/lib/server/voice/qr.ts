import { Resvg } from '@resvg/resvg-js';
import { renderSVG } from 'uqr';

/** The questionnaire's link as a QR code, in SVG (scales to any counter card). */
export function qrSvg(url: string): string {
	return renderSVG(url, { ecc: 'M', border: 2, pixelSize: 10 });
}

/** The same code as a PNG of about `width` pixels, for tools that take no SVG. */
export function qrPng(url: string, width = 600): Buffer {
	return new Resvg(qrSvg(url), { fitTo: { mode: 'width', value: width } }).render().asPng();
}
