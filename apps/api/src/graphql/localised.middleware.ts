import { FieldMiddleware } from '@nestjs/graphql';
import { localise, requestLanguage } from '@qinglian/common';

/**
 * For a field that carries one of the API's messages as data (the reasons of
 * an import report's rows): the message in the request's language, as errors
 * are (see error-formatter.ts).
 */
export const localisedMessage: FieldMiddleware = async (_ctx, next) => {
  const value: unknown = await next();
  return typeof value === 'string' ? localise(value, requestLanguage()) : value;
};
