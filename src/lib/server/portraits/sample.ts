// The shipped sample portrait (DESIGN.md, Part B): a premium car brand's key customer, written in
// each language of the UI. A team starts from it and replaces the examples with its own findings.
import type { PortraitContent } from '$lib/portraits/doc';
import type { PortraitKind, RelationshipClass } from '$lib/portraits/model';
import type { Language } from '$lib/validation/fields';

/** The sample: its structured fields and the prose of its document. */
export type SamplePortrait = {
	name: string;
	segment: string;
	kind: PortraitKind;
	relationshipClass: RelationshipClass | null;
	content: PortraitContent;
};

const samples: Record<Language, SamplePortrait> = {
	en: {
		name: 'Premium car owner: business owner or top manager',
		segment: 'Premium cars',
		kind: 'customer',
		relationshipClass: 'strategic',
		content: {
			sections: {
				role: [
					'Owners of businesses and top managers. They decide every day and expect to be served at their level.'
				],
				traits: [
					'Energetic, ambitious, independent. They value their time, like to be in control and notice details.'
				],
				age: ['Mostly 35–55'],
				income: ['High: the top tenth of the region'],
				gender: ['Mostly men, with a growing share of women'],
				place: ['Large cities and their suburbs'],
				lifestyle: [
					'A full diary, business trips, active leisure. The car is part of how they present themselves.'
				],
				functional: [
					'Pleasure of handling and drive; design and build quality; innovation; the right balance of price, quality and comfort.'
				],
				emotional: [
					'Prestige and drive; how they look in the car; self-expression: the car says who they are.'
				],
				compare: [
					'Online, in reviews and with people they trust. They shortlist two or three models before they visit the showroom.'
				],
				decision: [
					'Emotionally: the decision is made at the wheel. Rational arguments (quality, technology, resale value) come afterwards to justify it.'
				],
				attention: [
					'A personal approach at purchase and in service: one contact person who knows them, their time respected, no queues, and care after the sale.'
				],
				motives: [
					'To reward themselves and show their success; a car that matches their ambition; service that saves their time.'
				],
				not_customer: [
					'Buyers who choose only by the lowest price or monthly payment, and fleet buyers who need transport rather than a brand: we cannot give them our level of attention profitably.'
				]
			},
			evidence: [
				{
					claim:
						'Example: buyers shortlist two or three models before their first visit to the showroom.',
					source: 'survey',
					date: ''
				},
				{
					claim: 'Example: buyers expect one contact person at purchase and in service.',
					source: 'interview',
					date: ''
				}
			]
		}
	},
	ru: {
		name: 'Владелец премиального автомобиля: собственник бизнеса или топ-менеджер',
		segment: 'Премиальные автомобили',
		kind: 'customer',
		relationshipClass: 'strategic',
		content: {
			sections: {
				role: [
					'Собственники бизнеса и топ-менеджеры. Они каждый день принимают решения и ждут обслуживания на своём уровне.'
				],
				traits: [
					'Энергичные, амбициозные, независимые. Ценят своё время, любят держать всё под контролем и замечают детали.'
				],
				age: ['В основном 35–55 лет'],
				income: ['Высокий: верхние 10 % региона'],
				gender: ['В основном мужчины, растёт доля женщин'],
				place: ['Крупные города и пригороды'],
				lifestyle: [
					'Плотный график, деловые поездки, активный отдых. Автомобиль — часть того, как они себя преподносят.'
				],
				functional: [
					'Удовольствие от управления и динамика; дизайн и качество сборки; инновации; разумное соотношение цены, качества и комфорта.'
				],
				emotional: [
					'Престиж и драйв; то, как они выглядят в этом автомобиле; самовыражение: автомобиль говорит, кто они.'
				],
				compare: [
					'В интернете, в обзорах и у людей, которым доверяют. До визита в салон у них уже есть короткий список из двух-трёх моделей.'
				],
				decision: [
					'Эмоционально: решение принимается за рулём. Рациональные доводы (качество, технологии, остаточная стоимость) появляются потом, чтобы его обосновать.'
				],
				attention: [
					'Индивидуальный подход при покупке и в сервисе: один контактный человек, который их знает, уважение к их времени, никаких очередей и забота после продажи.'
				],
				motives: [
					'Вознаградить себя и показать свой успех; автомобиль под стать их амбициям; сервис, который экономит их время.'
				],
				not_customer: [
					'Покупатели, которые выбирают только по самой низкой цене или ежемесячному платежу, и корпоративные автопарки, которым нужен транспорт, а не марка: уделять им наш уровень внимания невыгодно.'
				]
			},
			evidence: [
				{
					claim: 'Пример: покупатели выбирают две-три модели ещё до первого визита в салон.',
					source: 'survey',
					date: ''
				},
				{
					claim: 'Пример: покупатели ждут одного контактного человека при покупке и в сервисе.',
					source: 'interview',
					date: ''
				}
			]
		}
	},
	bg: {
		name: 'Собственик на премиален автомобил: собственик на бизнес или топ мениджър',
		segment: 'Премиални автомобили',
		kind: 'customer',
		relationshipClass: 'strategic',
		content: {
			sections: {
				role: [
					'Собственици на бизнес и топ мениджъри. Всеки ден вземат решения и очакват да бъдат обслужвани на своето ниво.'
				],
				traits: [
					'Енергични, амбициозни, независими. Ценят времето си, обичат да държат нещата под контрол и забелязват детайлите.'
				],
				age: ['Предимно 35–55 години'],
				income: ['Висок: горните 10 % в региона'],
				gender: ['Предимно мъже, с растящ дял на жените'],
				place: ['Големите градове и техните предградия'],
				lifestyle: [
					'Натоварен график, командировки, активен отдих. Автомобилът е част от начина, по който се представят.'
				],
				functional: [
					'Удоволствие от управлението и динамиката; дизайн и качество на изработката; иновации; добър баланс между цена, качество и комфорт.'
				],
				emotional: [
					'Престиж и драйв; как изглеждат в автомобила; себеизразяване: автомобилът казва кои са те.'
				],
				compare: [
					'Онлайн, в ревюта и при хора, на които имат доверие. Преди да посетят шоурума, вече имат кратък списък от два-три модела.'
				],
				decision: [
					'Емоционално: решението се взема зад волана. Рационалните доводи (качество, технологии, остатъчна стойност) идват след това, за да го обосноват.'
				],
				attention: [
					'Личен подход при покупката и в сервиза: едно лице за контакт, което ги познава, уважение към времето им, без опашки и грижа след продажбата.'
				],
				motives: [
					'Да се възнаградят и да покажат успеха си; автомобил, който отговаря на амбициите им; обслужване, което им пести време.'
				],
				not_customer: [
					'Купувачи, които избират само по най-ниската цена или месечна вноска, и корпоративни автопаркове, на които им трябва превоз, а не марка: не можем да им даваме нашето ниво на внимание с печалба.'
				]
			},
			evidence: [
				{
					claim: 'Пример: купувачите избират два-три модела още преди първото посещение в шоурума.',
					source: 'survey',
					date: ''
				},
				{
					claim: 'Пример: купувачите очакват едно лице за контакт при покупката и в сервиза.',
					source: 'interview',
					date: ''
				}
			]
		}
	}
};

/** The sample portrait in `language`. */
export function samplePortrait(language: Language): SamplePortrait {
	return samples[language];
}
