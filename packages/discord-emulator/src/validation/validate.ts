// One entry point for REST handlers: spec schema first, then the explicit limits; throws 50035.
import { invalidFormBody, type FieldError } from '../errors.ts';
import { validateAgainstSpec, type RequestSchemaName } from './spec-validator.ts';

export interface ValidationSettings {
  /** Off only to isolate explicit-limit behaviour; Discord itself always validates. */
  schemaValidation: boolean;
}

export function assertValidBody(
  settings: ValidationSettings,
  schema: RequestSchemaName | undefined,
  body: unknown,
  limits: () => FieldError[] = () => [],
  basePath: (string | number)[] = [],
): void {
  if (schema && settings.schemaValidation) {
    const schemaErrors = validateAgainstSpec(schema, body, basePath);
    if (schemaErrors.length > 0) throw invalidFormBody(schemaErrors);
  }
  const limitErrors = limits();
  if (limitErrors.length > 0) throw invalidFormBody(limitErrors);
}
