// A session report as the server would build it, for the pure renderers.
import { defaultStages } from '$lib/sessions/stages';
import type { SessionReport } from '$lib/outputs/report';

export function sampleReport(overrides: Partial<SessionReport> = {}): SessionReport {
	return {
		session: {
			id: '00000000-0000-4000-8000-000000000001',
			workspaceId: '00000000-0000-4000-8000-000000000002',
			workspaceName: 'Acme',
			title: '# Customer focus <script>',
			goal: 'Agree what it means',
			scheduledOn: '2026-03-14',
			anonymity: 'off',
			stages: defaultStages().map((stage) =>
				stage.key === 'themes' ? { ...stage, skipped: true } : stage
			),
			currentStage: 'publish'
		},
		generatedAt: '2026-03-15T09:30:00.000Z',
		showsAuthors: true,
		participants: [
			{ name: 'Fay', facilitator: true, guest: false },
			{ name: 'Gina', facilitator: false, guest: true }
		],
		definitions: {
			revealed: true,
			items: [
				{ id: 'd1', text: 'Partner, not a wallet', roleTag: 'Sales', author: 'Fay', themeId: 't1' },
				{
					id: 'd2',
					text: '=1+2 "quoted", and\nnext line',
					roleTag: '@role',
					author: 'Gina',
					themeId: null
				}
			]
		},
		themes: [{ id: 't1', name: 'Partnership', definitionIds: ['d1'] }],
		criteria: {
			revealed: {
				budget: 3,
				maxPerItem: 2,
				closedAt: '2026-03-14T12:00:00.000Z',
				dotsGiven: 7,
				items: [
					{ text: 'Short | sweet', position: 1, total: 5, rank: 1, isWinner: true },
					{ text: '-Says what we do', position: 0, total: 2, rank: 2, isWinner: false }
				]
			},
			pending: null,
			proposals: ['Short | sweet', '-Says what we do']
		},
		winners: ['Short | sweet'],
		versions: [
			{
				number: 1,
				name: 'First',
				createdAt: '2026-03-14T13:00:00.000Z',
				createdBy: 'Fay',
				html: '<p>We <strong>serve</strong>.</p>',
				text: 'We serve.'
			}
		],
		consensus: [
			{
				versionNumber: 1,
				versionName: 'First',
				status: 'agreed',
				openedAt: '2026-03-14T14:00:00.000Z',
				closedAt: '2026-03-14T14:10:00.000Z',
				tally: { accept: 1, concern: 1, object: 0 },
				answers: [
					{ answer: 'concern', comment: 'Say [who](http://x.test)', author: 'Gina' },
					{ answer: 'accept', comment: '', author: 'Fay' }
				],
				provenance: null
			}
		],
		publications: [
			{
				version: 3,
				publishedAt: '2026-03-15T09:00:00.000Z',
				definitionHtml: '<p>We <strong>serve</strong>.</p>',
				definitionText: 'We serve.',
				explanation: 'Ask first.',
				rules: { always: ['Greet'], react: [], never: ['Argue'] },
				consensus: { accept: 1, concern: 1, object: 0 },
				provenance: null
			}
		],
		voice: {
			scope: 'maps',
			rows: [
				{
					name: 'Front | desk *reception*',
					answers: 42,
					tooFew: false,
					customerMean: 2.4,
					staffMean: 3.25,
					gap: 0.85,
					actionsOpen: 1,
					actionsDone: 1
				},
				{
					name: 'Call centre',
					answers: 3,
					tooFew: true,
					customerMean: 2,
					staffMean: null,
					gap: null,
					actionsOpen: 0,
					actionsDone: 0
				}
			]
		},
		...overrides
	};
}
