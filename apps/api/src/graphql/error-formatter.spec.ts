import { NotFoundException, withLanguage } from '@qinglian/common';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { createErrorFormatter } from './error-formatter';

const logger = { bindings: () => ({ requestId: 'support-4711' }), error: () => undefined } as unknown as Logger;
const format = createErrorFormatter(() => logger);
const raised = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['unit'] });

describe('error formatter', () => {
  it("answers a domain error in the request's language", () => {
    const error = raised(new NotFoundException('Unit', 'u-1'));
    expect(format({ message: error.message, path: ['unit'] }, error)).toMatchObject({ message: 'Unit u-1 was not found', extensions: { code: 'NOT_FOUND', entity: 'Unit', id: 'u-1' } });
    expect(withLanguage('zh-CN', () => format({ message: error.message, path: ['unit'] }, error))).toMatchObject({ message: '未找到该单位（编号 u-1）', extensions: { code: 'NOT_FOUND', entity: 'Unit', id: 'u-1' } });
  });

  it('answers an unexpected error with the generic message and the correlation id, translated too', () => {
    const error = raised(new Error('relation "units" does not exist'));
    const zh = withLanguage('zh-CN', () => format({ message: error.message, path: ['unit'] }, error));
    expect(zh).toEqual({ message: '服务器内部错误，反馈问题时请提供错误编号 support-4711', path: ['unit'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'support-4711' } });
    expect(format({ message: error.message, path: ['unit'] }, error).message).toBe('Internal server error; quote correlation id support-4711 when reporting it');
  });

  it("leaves GraphQL's own errors in English", () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(withLanguage('zh-CN', () => format({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error)).message).toBe(error.message);
  });
});
