// Types of gen-vendor-types.mjs for the test that checks the generated file.
export const SCHEMA: string;
export const OUT: string;
export function generate(): Promise<string>;
