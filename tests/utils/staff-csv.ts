// Staff files as companies export them, generated from the clinic fixture's people: names written
// in Cyrillic, departments in the file's language, a BOM, commas or semicolons.
import { randomBytes } from 'node:crypto';
import fixture from '../../src/lib/server/demo/demo-workshop.json';

export type StaffFileLanguage = 'ru' | 'bg';

const digraphs: [string, string][] = [
	['sh', 'ш'],
	['ch', 'ч'],
	['zh', 'ж'],
	['ts', 'ц'],
	['ya', 'я'],
	['yu', 'ю'],
	['th', 'т']
];
const letters: Record<string, string> = {
	a: 'а',
	b: 'б',
	c: 'к',
	d: 'д',
	e: 'е',
	f: 'ф',
	g: 'г',
	h: 'х',
	i: 'и',
	j: 'дж',
	k: 'к',
	l: 'л',
	m: 'м',
	n: 'н',
	o: 'о',
	p: 'п',
	q: 'к',
	r: 'р',
	s: 'с',
	t: 'т',
	u: 'у',
	v: 'в',
	w: 'у',
	x: 'кс',
	y: 'й',
	z: 'з'
};

/** A Latin name written in Cyrillic letters (a rough transliteration is all a test needs). */
export function cyrillic(word: string): string {
	let out = '';
	for (let i = 0; i < word.length;) {
		const lower = word.slice(i, i + 2).toLowerCase();
		const pair = digraphs.find(([latin]) => latin === lower);
		const [latin, letter] = pair ?? [
			word[i].toLowerCase(),
			letters[word[i].toLowerCase()] ?? word[i]
		];
		out += word[i] === word[i].toUpperCase() ? letter[0].toUpperCase() + letter.slice(1) : letter;
		i += latin.length;
	}
	return out;
}

const departmentNames: Record<StaffFileLanguage, Record<string, string>> = {
	ru: {
		Leadership: 'Руководство',
		'Front desk': 'Регистратура',
		Doctors: 'Врачи',
		'Call centre': 'Колл-центр',
		Marketing: 'Маркетинг',
		Security: 'Охрана'
	},
	bg: {
		Leadership: 'Ръководство',
		'Front desk': 'Регистратура',
		Doctors: 'Лекари',
		'Call centre': 'Кол център',
		Marketing: 'Маркетинг',
		Security: 'Охрана'
	}
};

const headers: Record<StaffFileLanguage, string[]> = {
	ru: ['ФИО', 'Электронная почта', 'Отдел', 'Роль'],
	bg: ['Име', 'Имейл', 'Отдел', 'Роля']
};

const roleNames: Record<StaffFileLanguage, string[]> = {
	ru: ['читатель', 'Участник', '', 'фасилитатор', 'читатель'],
	bg: ['читател', 'член', '', 'Фасилитатор', 'reader']
};

export type StaffPerson = { name: string; email: string; department: string; role: string };

/** `count` distinct people (unique e-mails under a fresh domain) from the fixture's names and departments. */
export function staffPeople(count: number, language: StaffFileLanguage): StaffPerson[] {
	const domain = `clinic-${randomBytes(4).toString('hex')}.example`;
	const firsts = fixture.members.map((member) => member.name.split(' ')[0]);
	const lasts = fixture.members.map((member) => member.name.split(' ').slice(1).join(' '));
	const departments = fixture.workspace.departments;
	return Array.from({ length: count }, (_, index) => {
		const first = firsts[index % firsts.length];
		const last = lasts[Math.floor(index / firsts.length) % lasts.length];
		return {
			name: `${cyrillic(first)} ${cyrillic(last)}`,
			email: `${first}.${last}.${index + 1}@${domain}`.toLowerCase().replace(/\s+/g, '-'),
			department: departmentNames[language][departments[index % departments.length]] ?? '',
			role: roleNames[language][index % roleNames[language].length]
		};
	});
}

function quote(value: string, delimiter: string): string {
	return /["\r\n]/.test(value) || value.includes(delimiter)
		? `"${value.replace(/"/g, '""')}"`
		: value;
}

/** The people as a CSV file with a header in `language`, `delimiter`-separated, CRLF lines, with a BOM. */
export function staffCsv(
	people: StaffPerson[],
	language: StaffFileLanguage,
	delimiter: ',' | ';',
	options: { bom?: boolean } = {}
): string {
	const lines = [
		headers[language],
		...people.map((p) => [p.name, p.email, p.department, p.role])
	].map((cells) => cells.map((cell) => quote(cell, delimiter)).join(delimiter));
	return `${options.bom === false ? '' : '\ufeff'}${lines.join('\r\n')}\r\n`;
}
