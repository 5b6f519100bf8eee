// Limits on interaction callbacks that are not message payloads: autocomplete results and modals.
import type { FieldError } from '../errors.ts';
import { OptionType, choiceValueMatches } from './command-limits.ts';
import { Problems, asArray, isObject, type Path } from './problems.ts';

export const CallbackLimits = {
  autocompleteChoices: 25,
  choiceName: 100,
  choiceStringValue: 100,
  modalTitle: 45,
  modalComponents: 5,
  textInputLabel: 45,
  textInputValue: 4000,
  textInputPlaceholder: 100,
} as const;

/** `focusedType` is the option type of the focused option (choices must match it). */
export function checkAutocompleteChoices(data: unknown, focusedType: number, basePath: Path = ['data']): FieldError[] {
  const problems = new Problems();
  if (!isObject(data)) return problems.list;
  const choices = asArray(data.choices);
  if (choices.length > CallbackLimits.autocompleteChoices) {
    problems.add([...basePath, 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${CallbackLimits.autocompleteChoices} or fewer in length.`);
  }
  choices.forEach((choice, i) => {
    if (!isObject(choice)) return;
    const at = [...basePath, 'choices', i];
    if (problems.required([...at, 'name'], choice.name)) problems.length([...at, 'name'], choice.name, CallbackLimits.choiceName, 1);
    if (!problems.required([...at, 'value'], choice.value)) return;
    if (!choiceValueMatches(focusedType, choice.value)) {
      problems.add(
        [...at, 'value'],
        'APPLICATION_COMMAND_OPTION_CHOICE_VALUE_INVALID',
        `Choice value does not match the focused option's type ${focusedType}.`,
      );
    } else if (focusedType === OptionType.String) {
      problems.length([...at, 'value'], choice.value, CallbackLimits.choiceStringValue, 1);
    }
  });
  return problems.list;
}

/** Modal: title, 1-5 rows/labels, text inputs with their lengths. */
export function checkModal(data: unknown, basePath: Path = ['data']): FieldError[] {
  const problems = new Problems();
  if (!isObject(data)) {
    problems.required(basePath, undefined);
    return problems.list;
  }
  if (problems.required([...basePath, 'custom_id'], data.custom_id)) problems.length([...basePath, 'custom_id'], data.custom_id, 100, 1);
  if (problems.required([...basePath, 'title'], data.title)) problems.length([...basePath, 'title'], data.title, CallbackLimits.modalTitle, 1);
  const rows = asArray(data.components);
  if (rows.length < 1 || rows.length > CallbackLimits.modalComponents) {
    problems.add([...basePath, 'components'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${CallbackLimits.modalComponents} in length.`);
  }
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (!isObject(row)) return;
    // Rows (type 1) hold components; labels (type 18) hold a single `component`.
    const children = row.type === 18 ? [row.component] : asArray(row.components);
    children.forEach((input, j) => {
      if (!isObject(input) || input.type !== 4) return;
      const at = row.type === 18 ? [...basePath, 'components', i, 'component'] : [...basePath, 'components', i, 'components', j];
      if (problems.required([...at, 'custom_id'], input.custom_id)) problems.length([...at, 'custom_id'], input.custom_id, 100, 1);
      if (typeof input.custom_id === 'string') {
        if (ids.has(input.custom_id)) problems.add([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        ids.add(input.custom_id);
      }
      problems.length([...at, 'label'], input.label, CallbackLimits.textInputLabel);
      problems.length([...at, 'value'], input.value, CallbackLimits.textInputValue);
      problems.length([...at, 'placeholder'], input.placeholder, CallbackLimits.textInputPlaceholder);
    });
  });
  return problems.list;
}
