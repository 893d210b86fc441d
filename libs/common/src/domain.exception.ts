/**
 * Error codes a client can act on. The API maps each one to a GraphQL error with
 * the same `extensions.code`; anything that is not a DomainException becomes a
 * generic INTERNAL_SERVER_ERROR with a correlation id.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedException extends DomainException {
  constructor(message = 'Sign in first: the access token is missing, expired or invalid') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenException extends DomainException {
  /** `details` become extensions next to the code (e.g. a `reason` a client can translate). */
  constructor(message = 'You are not allowed to do this', details: Record<string, unknown> = {}) {
    super(ErrorCode.FORBIDDEN, message, details);
  }
}

export class BadUserInputException extends DomainException {
  constructor(message: string, readonly fields: FieldProblem[] = []) {
    super(ErrorCode.BAD_USER_INPUT, message, fields.length ? { fields } : {});
  }

  static field(field: string, message: string): BadUserInputException {
    return new BadUserInputException(`${field}: ${message}`, [{ field, message }]);
  }
}

export class NotFoundException extends DomainException {
  constructor(entity: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${entity} ${id} was not found`, { entity, id });
  }
}

export class ConflictException extends DomainException {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, details);
  }
}

export class TooManyRequestsException extends DomainException {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(ErrorCode.TOO_MANY_REQUESTS, message, { retryAfterSeconds });
  }
}

export class PayloadTooLargeException extends DomainException {
  constructor(message: string, readonly limitBytes: number) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, message, { limitBytes });
  }
}
