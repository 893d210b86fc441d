import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { AppConfig } from '@qinglian/config';
import { PinoLogger } from 'nestjs-pino';
import { createErrorFormatter } from './error-formatter';
import { GraphQLContext, LoaderFactory } from './loaders';

/**
 * Apollo Server 5 settings: depth, cost and alias limits (graphql-armor), CSRF
 * prevention, no batched HTTP requests, introspection and the GraphiQL sandbox
 * only outside production, errors without stack traces.
 */
export function graphqlOptions(config: AppConfig, loaders: LoaderFactory, logger: PinoLogger): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: config.get('GRAPHQL_MAX_DEPTH'), ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: config.get('GRAPHQL_MAX_COST'), ignoreIntrospection: true },
    maxAliases: { n: config.get('GRAPHQL_MAX_ALIASES') },
    maxDirectives: { n: 20 },
    maxTokens: { n: 5000 },
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !config.isProduction,
    graphiql: !config.isProduction,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    autoTransformHttpErrors: false,
    plugins: [...protection.plugins] as ApolloDriverConfig['plugins'],
    validationRules: protection.validationRules,
    formatError: createErrorFormatter(() => logger.logger),
    context: ({ req, res }: Pick<GraphQLContext, 'req' | 'res'>): GraphQLContext => ({ req, res, loaders: loaders.create(() => req.actor?.id) }),
  };
}
