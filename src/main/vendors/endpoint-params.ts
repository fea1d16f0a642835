// The {name} placeholders of a documented list path: each is a setting the user gives (e.g. an org id).
const PARAM = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export function endpointParams(endpoint: string): string[] {
  return [...new Set([...endpoint.matchAll(PARAM)].map((m) => m[1]))];
}

/** The path with each {name} replaced by its URL-encoded value; `missing` is called for an absent one. */
export function fillEndpoint(endpoint: string, value: (name: string) => string | undefined, missing: (name: string) => never): string {
  return endpoint.replace(PARAM, (_, name: string) => {
    const v = value(name)?.trim();
    return v ? encodeURIComponent(v) : missing(name);
  });
}
