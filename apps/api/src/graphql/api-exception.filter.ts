import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { DomainException, ErrorCode } from '@qinglian/common';
import type { Response } from 'express';

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
 * with `{ code, message }`; anything else keeps Nest's handling (a generic 500).
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    if (exception instanceof DomainException) {
      const res = host.switchToHttp().getResponse<Response>();
      res.status(HTTP_STATUS[exception.code]).json({ code: exception.code, message: exception.message, ...exception.details });
      return undefined;
    }
    return super.catch(exception, host);
  }
}
