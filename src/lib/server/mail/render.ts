// Messages in the recipient's language, as plain text and HTML. Every value is text: the HTML is
// built from escaped strings only, so nothing a user wrote can become markup.
import { m } from '$lib/paraglide/messages';
import { stageHref } from '$lib/voice/stage-link';
import type { OutgoingMail } from './transport';

export const mailKinds = [
	'announcement',
	'reminder',
	'touchpoint_owner',
	'action_owner',
	'stage_action_owner',
	'workspace_invite',
	'session_invite'
] as const;
export type MailKind = (typeof mailKinds)[number];

type Locale = 'en' | 'ru' | 'bg';
const asLocale = (language: string): Locale =>
	language === 'ru' || language === 'bg' ? language : 'en';

/** A message before it is written out: paragraphs, at most one button, notes under it. */
type Composed = {
	subject: string;
	paragraphs: string[];
	action: { label: string; url: string } | null;
	notes: string[];
};

/** What rendering needs besides the stored payload. */
export type RenderContext = {
	origin: string;
	/** The recipient's one-click link, for announcements and reminders. */
	link: string | null;
	/** Days the one-click link works. */
	linkDays: number;
};

function compose(
	kind: MailKind,
	p: Record<string, string>,
	ctx: RenderContext,
	locale: Locale
): Composed {
	const o = { locale };
	const workspace = p.workspaceName ?? '';
	const workspaceUrl = `${ctx.origin}/w/${p.workspaceId ?? ''}`;
	switch (kind) {
		case 'announcement':
			return {
				subject: m.mail_announcement_subject({ workspace, version: p.version ?? '' }, o),
				paragraphs: [
					m.mail_announcement_body({ version: p.version ?? '', session: p.sessionTitle ?? '' }, o)
				],
				action: {
					label: m.mail_announcement_action({}, o),
					url: ctx.link ?? `${workspaceUrl}/definition`
				},
				notes: ctx.link ? [m.mail_link_note({ days: ctx.linkDays }, o)] : []
			};
		case 'reminder':
			return {
				subject: m.mail_reminder_subject({ version: p.version ?? '' }, o),
				paragraphs: [m.mail_reminder_body({ version: p.version ?? '', days: p.days ?? '' }, o)],
				action: {
					label: m.mail_announcement_action({}, o),
					url: ctx.link ?? `${workspaceUrl}/definition`
				},
				notes: [
					...(ctx.link ? [m.mail_link_note({ days: ctx.linkDays }, o)] : []),
					m.mail_reminder_opt_out({ url: `${workspaceUrl}/profile` }, o)
				]
			};
		case 'touchpoint_owner':
			return {
				subject: m.mail_touchpoint_subject({ workspace, touchpoint: p.touchpointName ?? '' }, o),
				paragraphs: [
					m.mail_touchpoint_body({ touchpoint: p.touchpointName ?? '' }, o),
					p.rule ? m.mail_touchpoint_rule({ rule: p.rule }, o) : m.mail_touchpoint_no_rule({}, o)
				],
				action: {
					label: m.mail_touchpoint_action({}, o),
					url: `${workspaceUrl}/touchpoints/${p.touchpointId ?? ''}`
				},
				notes: []
			};
		case 'action_owner':
			return {
				subject: m.mail_action_subject({ workspace, touchpoint: p.touchpointName ?? '' }, o),
				paragraphs: [
					m.mail_action_body(
						{ touchpoint: p.touchpointName ?? '', action: p.actionTitle ?? '' },
						o
					),
					...(p.dueOn ? [m.mail_action_due({ date: p.dueOn }, o)] : [])
				],
				action: {
					label: m.mail_touchpoint_action({}, o),
					url: `${workspaceUrl}/touchpoints/${p.touchpointId ?? ''}`
				},
				notes: []
			};
		case 'stage_action_owner':
			return {
				subject: m.mail_stage_action_subject({ workspace, stage: p.stageName ?? '' }, o),
				paragraphs: [
					m.mail_stage_action_body(
						{
							stage: p.stageName ?? '',
							map: p.mapTitle ?? '',
							action: p.actionTitle ?? ''
						},
						o
					),
					...(p.dueOn ? [m.mail_action_due({ date: p.dueOn }, o)] : [])
				],
				action: {
					label: m.mail_stage_action_open({}, o),
					url: stageHref(workspaceUrl, p.mapId ?? '', p.stageId ?? '')
				},
				notes: []
			};
		case 'workspace_invite':
			return {
				subject: m.mail_invite_subject({ inviter: p.inviterName ?? '', workspace }, o),
				paragraphs: [
					m.mail_invite_body(
						{ inviter: p.inviterName ?? '', workspace, date: formatDate(p.expiresAt, locale) },
						o
					)
				],
				action: { label: m.mail_invite_action({}, o), url: p.link ?? ctx.origin },
				notes: []
			};
		case 'session_invite':
			return {
				subject: m.mail_session_subject({ workspace, session: p.sessionTitle ?? '' }, o),
				paragraphs: [
					m.mail_session_body({ inviter: p.inviterName ?? '', session: p.sessionTitle ?? '' }, o),
					...(p.scheduledOn
						? [m.mail_session_when({ date: formatDate(p.scheduledOn, locale) }, o)]
						: [])
				],
				action: {
					label: m.mail_session_action({}, o),
					url: `${ctx.origin}/s/${p.sessionId ?? ''}`
				},
				notes: []
			};
	}
}

function formatDate(value: string | undefined, locale: Locale): string {
	if (!value) return '';
	const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
	if (Number.isNaN(date.getTime())) return value;
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/** Only http(s) links become buttons; anything else is left out of the HTML. */
function safeHref(url: string): string | null {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
	} catch {
		return null;
	}
}

/** Renders one message for its recipient. */
export function renderMail(
	kind: MailKind,
	language: string,
	to: { address: string; name: string },
	payload: Record<string, string>,
	ctx: RenderContext
): OutgoingMail {
	const locale = asLocale(language);
	const c = compose(kind, payload, ctx, locale);
	const greeting = m.mail_greeting({ name: to.name }, { locale });
	const signature = m.mail_signature({ workspace: payload.workspaceName ?? '' }, { locale });
	const text = [
		greeting,
		...c.paragraphs,
		...(c.action ? [`${c.action.label}: ${c.action.url}`] : []),
		...c.notes,
		`-- \n${signature}`
	].join('\n\n');
	const href = c.action ? safeHref(c.action.url) : null;
	const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
	const html = [
		`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(c.subject)}</title></head>`,
		'<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">',
		paragraph(greeting),
		...c.paragraphs.map(paragraph),
		c.action && href
			? `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:0.6em 1.2em;background:#2563eb;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(c.action.label)}</a></p>`
			: '',
		...c.notes.map((note) => `<p style="color:#6b7280;font-size:0.9em">${escapeHtml(note)}</p>`),
		`<p style="color:#6b7280">${escapeHtml(signature)}</p>`,
		'</body></html>'
	].join('\n');
	return { to: to.address, subject: c.subject, text, html };
}
