import { HtmlValidate, Rule, type DOMReadyEvent, type RuleDocumentation } from 'html-validate';

/**
 * A `<select required>` that shows one entry at a time must start with an
 * empty choice (value "" or no text), as the HTML standard requires: without
 * one the first real entry is already chosen and `required` can never catch
 * a person who did not choose (the Nu HTML Checker reports it; html-validate
 * has no rule of its own for it).
 */
class RequiredSelectPlaceholder extends Rule {
	override documentation(): RuleDocumentation {
		return { description: 'A required single-line <select> must begin with an empty placeholder <option value="">, or not be required.' };
	}

	override setup(): void {
		this.on('dom:ready', ({ document }: DOMReadyEvent) => {
			for (const select of document.querySelectorAll('select[required]')) {
				if (select.hasAttribute('multiple') || Number(select.getAttributeValue('size') ?? '1') > 1) continue;
				const first = select.childElements.find((child) => child.tagName === 'option');
				if (!first) continue;
				const value = first.getAttributeValue('value');
				if (value === '' || (value === null && first.textContent.trim() === '')) continue;
				this.report(select, 'a required <select> must begin with an empty <option value=""> (or not be required: something is always chosen)');
			}
		});
	}
}

/**
 * Concord's markup checks: the HTML standard (html-validate's `standard`
 * preset, which includes ARIA misuse such as a name on an element that cannot
 * carry one), plus what the Nu HTML Checker and screen readers catch that the
 * preset leaves out: references to ids that are not there, labels pointing at
 * what is not a form control, skipped heading levels, empty headings and
 * required selects without an empty choice. Left out on purpose: style rules
 * (self-closing void elements, boolean attribute spelling), and `unique-landmark`,
 * which cannot see that the two primary navigations are never shown together.
 */
export const markupValidator = new HtmlValidate({
	extends: ['html-validate:standard'],
	plugins: [{ name: 'concord', rules: { 'concord/required-select-placeholder': RequiredSelectPlaceholder } }],
	rules: {
		'concord/required-select-placeholder': 'error',
		'no-missing-references': 'error',
		'valid-for': 'error',
		// The site header's menus carry h2s before the page's h1; below that no level may be skipped.
		'heading-level': ['error', { minInitialRank: 'h2' }],
		'empty-heading': 'error',
		'no-dup-id': 'error',
		'input-missing-label': 'error',
		'multiple-labeled-controls': 'error',
		'hidden-focusable': 'error',
		'no-redundant-for': 'error',
		'no-redundant-role': 'error',
		'no-abstract-role': 'error',
		'valid-autocomplete': 'error',
		'wcag/h30': 'error',
		'wcag/h36': 'error',
		'wcag/h37': 'error',
		'wcag/h67': 'error',
		'wcag/h71': 'error',
		'empty-title': 'error'
	}
});

/** What the markup checks find in one page, one line each ("rule: message (where)"). */
export async function markupProblems(html: string, name = 'page'): Promise<string[]> {
	const report = await markupValidator.validateString(html, name);
	return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector ?? `line ${m.line}`})`));
}
