#!/usr/bin/env node
// Writes src/main/vendors/descriptor.schema.generated.ts from descriptor.schema.json, so the
// descriptor's TypeScript types never drift from the schema that validates it at load.
// test/vendors/descriptor-types.test.ts fails when the file is not what this writes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main', 'vendors');
export const SCHEMA = path.join(dir, 'descriptor.schema.json');
export const OUT = path.join(dir, 'descriptor.schema.generated.ts');

export async function generate() {
  const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
  return compile(schema, 'VendorDescriptorSchema', {
    bannerComment: '// Generated from descriptor.schema.json by scripts/gen-vendor-types.mjs: do not edit.',
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    format: true,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generate().then((text) => {
    fs.writeFileSync(OUT, text);
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
  });
}
