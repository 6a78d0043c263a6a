// Building an Intl formatter costs far more than using one; the reader pages render on every
// request, so each formatter is built once per locale and style.
const dates = new Map<string, Intl.DateTimeFormat>();
const percents = new Map<string, Intl.NumberFormat>();

/** A date formatter for `locale`: `long` (23 November 2026), `medium` (23 Nov 2026) or `day` (23 Nov, in UTC). */
export function dateFormat(locale: string, style: 'long' | 'medium' | 'day'): Intl.DateTimeFormat {
	const key = `${locale}:${style}`;
	let format = dates.get(key);
	if (!format) {
		format =
			style === 'day'
				? new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
				: new Intl.DateTimeFormat(locale, { dateStyle: style });
		dates.set(key, format);
	}
	return format;
}

/** A whole-percent formatter for `locale`. */
export function percentFormat(locale: string): Intl.NumberFormat {
	let format = percents.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
		percents.set(locale, format);
	}
	return format;
}
