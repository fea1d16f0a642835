// src/shared runs in Node and in the browser, so it is checked without either's types. These are the
// few globals both platforms have that shared code uses; anything else must be passed in.
declare class URL {
  constructor(url: string, base?: string);
  readonly host: string;
  readonly hostname: string;
  readonly protocol: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly origin: string;
  href: string;
}
