import { HttpException } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { DomainException, ErrorCode, localise, localiseError, requestLanguage } from '@qinglian/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

/** Codes produced by GraphQL itself (parsing, validation, limits, variables): safe to show as they are. */
const GRAPHQL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Turns every error into what a client may see. Domain exceptions keep their
 * message and become `extensions.code`; GraphQL's own errors pass through
 * without stack traces; anything else is logged in full and answered with a
 * generic message and a correlation id (the request id) to quote to support.
 * Messages (and the messages of `extensions.fields`) are in the language the
 * request's Accept-Language asks for (@qinglian/common i18n); GraphQL's own
 * errors, which only a developer sees, stay in English.
 */
export function createErrorFormatter(logger: () => Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    const language = requestLanguage();
    if (original instanceof DomainException) {
      const { message, details } = localiseError(original.message, original.details, language);
      return { ...base, message, extensions: { code: original.code, ...details } };
    }
    if (original instanceof HttpException && original.getStatus() < 500) {
      return { ...base, message: localise(httpMessage(original), language), extensions: { code: HTTP_CODES[original.getStatus()] ?? ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.code;
    const raisedByGraphQL = original === error || isGraphQLError(original);
    if (raisedByGraphQL && typeof code === 'string' && GRAPHQL_CODES.has(code)) {
      return { ...base, extensions: { code } };
    }
    const log = logger();
    const correlationId = (log.bindings() as { requestId?: string }).requestId ?? randomUUID();
    log.error({ err: original, correlationId, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: localise(`Internal server error; quote correlation id ${correlationId} when reporting it`, language),
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
    };
  };
}

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  429: ErrorCode.TOO_MANY_REQUESTS,
};

function httpMessage(error: HttpException): string {
  const response = error.getResponse() as string | { message?: string | string[] };
  if (typeof response === 'string') return response;
  return Array.isArray(response.message) ? response.message.join('; ') : (response.message ?? error.message);
}

function unwrap(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 5; i++) {
    const next = (current as { originalError?: unknown })?.originalError;
    if (!next) break;
    current = next;
  }
  return current;
}

function isGraphQLError(value: unknown): boolean {
  return (value as { constructor?: { name?: string } })?.constructor?.name === 'GraphQLError';
}
