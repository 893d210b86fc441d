import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@qinglian/config';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Structured JSON logs through pino. In the API every line written while a
 * request is handled carries `requestId` (taken from an incoming X-Request-Id
 * when it is well-formed, otherwise generated, and echoed in the response);
 * the worker binds `jobId` the same way for each job.
 */
@Module({})
export class QinglianLoggingModule {
  static forRoot(service: 'api' | 'worker' | 'cli'): DynamicModule {
    return {
      module: QinglianLoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              level: config.get('LOG_LEVEL'),
              base: { service },
              timestamp: () => `,"time":"${new Date().toISOString()}"`,
              messageKey: 'msg',
              quietReqLogger: true,
              customAttributeKeys: { reqId: 'requestId' },
              genReqId: (req: IncomingMessage, res: ServerResponse) => {
                const incoming = req.headers['x-request-id'];
                const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
                res.setHeader('X-Request-Id', id);
                return id;
              },
              autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
              redact: {
                paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.currentPassword', '*.newPassword', '*.refreshToken', '*.accessToken'],
                censor: '[redacted]',
              },
              serializers: {
                req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url }),
              },
            },
          }),
        }),
      ],
    };
  }
}

/** The request id of the request being handled, if any (read from the pino bindings of the current context). */
export function currentRequestId(logger: PinoLogger): string | undefined {
  const bindings = logger.logger.bindings() as { requestId?: string };
  return bindings.requestId;
}
