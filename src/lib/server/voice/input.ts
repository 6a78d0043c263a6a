import { CRITERIA, type Criterion } from '$lib/voice/model';
import { invalid } from '../errors';

/** The questionnaire settings of the "open a questionnaire" form. */
export function questionnaireSettings(form: FormData): {
	criteria: Criterion[];
	askContact: boolean;
} {
	const criteria = form.getAll('criteria').map(String);
	if (criteria.some((c) => !(CRITERIA as readonly string[]).includes(c)))
		throw invalid('invalid_input', 'criteria');
	return { criteria: criteria as Criterion[], askContact: form.get('askContact') === 'on' };
}
