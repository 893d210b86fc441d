import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { DomainException, ErrorCode, localiseError, negotiateLanguage } from '@qinglian/common';
import type { Request, Response } from 'express';

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
};

/**
 * In GraphQL operations every error goes on to Apollo's formatError (which
 * maps domain codes and logs unexpected errors once, with the correlation id).
 * On plain HTTP routes (file exports) domain errors become the matching status
 * with `{ code, message }` in the language of the request's Accept-Language;
 * anything else keeps Nest's handling (a generic 500).
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    if (exception instanceof DomainException) {
      const http = host.switchToHttp();
      const res = http.getResponse<Response>();
      // read from the request itself: an upload's refusal may come from a stream callback outside the request's async context
      const { message, details } = localiseError(exception.message, exception.details, negotiateLanguage(http.getRequest<Request>().headers['accept-language']));
      res.status(HTTP_STATUS[exception.code]).json({ code: exception.code, message, ...details });
      return undefined;
    }
    return super.catch(exception, host);
  }
}
