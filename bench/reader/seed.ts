// Seeds the reader benchmark's workspace through the real services: departments, 40 members,
// a strategy session run through consensus and published twice (so the page shows a diff), half
// of the members acknowledged. Prints one JSON line: the workspace id, the admin's and a member's
// session tokens, and two more members (ids and tokens) for the checks of revocation.
// Run with DATABASE_URL or DATA_DIR set: `node --import tsx bench/reader/seed.ts`.
import { closeDatabase, db, migrateDatabase } from '../../src/lib/server/db';
import { signUpWithWorkspace } from '../../src/lib/server/auth/accounts';
import { createSession as createAuthSession } from '../../src/lib/server/auth/session';
import { answerConsensus, openConsensusRound } from '../../src/lib/server/consensus/rounds';
import { saveVersion } from '../../src/lib/server/draft/versions';
import { acknowledgeDefinition } from '../../src/lib/server/publications/reader';
import { publishDefinition } from '../../src/lib/server/publications/publish';
import type { SessionActor } from '../../src/lib/server/sessions/access';
import { goToStage } from '../../src/lib/server/sessions/controls';
import { createSession } from '../../src/lib/server/sessions/sessions';
import { createDepartment } from '../../src/lib/server/workspaces/departments';
import { createInvite, signUpWithInvite } from '../../src/lib/server/workspaces/invites';
import { updateMember } from '../../src/lib/server/workspaces/members';

const PASSWORD = 'bench reader password';
const DEPARTMENTS = ['Sales', 'Front office', 'Service', 'Security'];
const MEMBERS = 40;

const definitions = [
	'Customer focus means that every one of us — from the owner to the security guard — treats the customer and their needs, not our product, as the starting point. We build relations that benefit both sides, with buyers and with internal customers: colleagues, partners and shareholders.',
	'Customer focus means that every one of us — from the owner to the security guard — starts from the customer and what they need, not from our product. We build long relations that benefit both sides, with buyers and with internal customers: colleagues, partners and shareholders, each with their own expectations and limits.'
];

const explanation = [
	'In daily work this means we listen before we offer: we ask what the customer is trying to achieve and only then suggest what fits.',
	'It also means that a colleague who needs something from us is our customer too: we answer them as quickly and as kindly as a buyer.',
	'When we are unsure, we choose what keeps the relation good for years over what closes today’s sale.'
].join('\n\n');

const rules = {
	always: [
		'Greet every visitor within 30 seconds',
		'Call back the same day',
		'Say what happens next and when',
		'Write down what the customer asked for'
	],
	react: [
		'A complaint: thank, apologize, fix, then check it stayed fixed',
		'A delay: tell the customer before they have to ask',
		'No stock: offer an alternative or a date'
	],
	never: [
		'Argue with a customer',
		'Promise what we cannot keep',
		'Send a customer to another desk without walking them there'
	]
};

async function agreeAndPublish(
	facilitator: SessionActor,
	participants: SessionActor[],
	sessionId: string,
	text: string,
	version: number
) {
	await goToStage(db, facilitator, sessionId, 'draft');
	const saved = await saveVersion(db, facilitator, sessionId, `Wording ${version}`, () =>
		Promise.resolve({
			html: `<p>${text}</p>`,
			text
		})
	);
	await goToStage(db, facilitator, sessionId, 'consensus');
	await openConsensusRound(db, facilitator, sessionId, saved.id);
	for (const [index, actor] of participants.entries())
		await answerConsensus(
			db,
			actor,
			sessionId,
			index % 3 === 0
				? { answer: 'concern', comment: 'Let us make sure the front office gets training on this.' }
				: { answer: 'accept', comment: '' }
		);
	await goToStage(db, facilitator, sessionId, 'publish');
	return publishDefinition(db, facilitator, sessionId, {
		explanation,
		rules: version === 1 ? { ...rules, never: rules.never.slice(0, 2) } : rules
	});
}

await migrateDatabase();
const admin = await signUpWithWorkspace(db, {
	name: 'Elena Owner',
	email: `owner-${Date.now()}@bench.test`,
	password: PASSWORD,
	language: 'en',
	workspaceName: 'Northwind Motors'
});
const departmentIds = [];
for (const name of DEPARTMENTS)
	departmentIds.push(await createDepartment(db, admin.userId, admin.workspaceId, name));
const members: { userId: string; name: string }[] = [];
for (let i = 0; i < MEMBERS; i += 1) {
	const invite = await createInvite(db, admin.userId, admin.workspaceId, {
		role: 'member',
		departmentId: null,
		label: null,
		days: 7
	});
	const name = `Member ${String(i + 1).padStart(2, '0')}`;
	const account = await signUpWithInvite(db, invite.token, {
		name,
		email: `m${i}-${Date.now()}@bench.test`,
		password: PASSWORD,
		language: 'en'
	});
	await updateMember(db, admin.userId, admin.workspaceId, {
		userId: account.userId,
		role: 'member',
		departmentId: departmentIds[i % departmentIds.length]
	});
	members.push({ userId: account.userId, name });
}
const facilitator: SessionActor = { kind: 'user', userId: admin.userId, name: 'Elena Owner' };
const participants = members
	.slice(0, 8)
	.map((m): SessionActor => ({ kind: 'user', userId: m.userId, name: m.name }));
const sessionId = await createSession(db, admin.userId, admin.workspaceId, {
	title: 'What customer focus means for Northwind',
	goal: 'One definition every employee can act on',
	scheduledOn: null,
	anonymity: 'partial',
	allowGuests: false,
	participantIds: participants.map((p) => (p.kind === 'user' ? p.userId : ''))
});
await agreeAndPublish(facilitator, participants, sessionId, definitions[0], 1);
await agreeAndPublish(facilitator, participants, sessionId, definitions[1], 2);
for (const member of members.slice(0, MEMBERS / 2))
	await acknowledgeDefinition(db, member.userId, admin.workspaceId, 2);
// The reader of the benchmark has not acknowledged yet, so the page carries the form.
const reader = members[MEMBERS - 1];
const { token } = await createAuthSession(db, reader.userId);
const others = [];
for (const member of members.slice(MEMBERS - 3, MEMBERS - 1))
	others.push({ userId: member.userId, token: (await createAuthSession(db, member.userId)).token });
console.log(
	JSON.stringify({
		workspaceId: admin.workspaceId,
		readerToken: token,
		adminToken: admin.token,
		others
	})
);
await closeDatabase();
