/**
 * Writes the API's GraphQL schema to apps/web/schema.graphql, from the real
 * API booted against a scratch database (run through `npm run web:schema`).
 * test/web-schema.e2e-spec.ts fails when the committed file is out of date.
 */
import { printApiSchema, startTestApi, WEB_SCHEMA_FILE } from '@qinglian/testing';
import { writeFileSync } from 'node:fs';

async function main(): Promise<void> {
  const api = await startTestApi('schema');
  try {
    writeFileSync(WEB_SCHEMA_FILE, printApiSchema(api.app));
    console.log(`[web:schema] wrote ${WEB_SCHEMA_FILE}`);
  } finally {
    await api.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
