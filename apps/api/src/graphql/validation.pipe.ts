import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputException, FieldProblem } from '@qinglian/common';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(new RegExp(`^${error.property}\\s`), '') }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator on every argument; failures become BAD_USER_INPUT naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadUserInputException(fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
    },
  });
}
