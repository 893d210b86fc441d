import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the API schema (apps/web/schema.graphql, written by
 * `npm run web:schema`): `npm run web:codegen` reads every `graphql(...)`
 * call under src/ and writes src/gql/.
 */
const config: CodegenConfig = {
  schema: 'apps/web/schema.graphql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'apps/web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>', Upload: 'File' },
      },
    },
  },
};
export default config;
