import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;
let loaded: { SQL: SqlJsStatic; memory: WebAssembly.Memory | null } | null = null;

/** sql.js compiles its wasm once per thread; every store in that thread shares it. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= withMemoryCaught(() => initSqlJs());
  return loading;
}

/**
 * The loaded module with its wasm memory, for column-cursor.ts, which reads column bytes where SQLite
 * left them instead of through sql.js's per-value getters (a string per cell). Null before loadSqlJs
 * has finished, and memory is null if it could not be caught.
 */
export function sqlJsInternals(): { SQL: SqlJsStatic; memory: WebAssembly.Memory | null } | null {
  return loaded;
}

/**
 * sql.js keeps its wasm memory to itself, so the instance's exported Memory is caught as it is
 * instantiated. The wrapper is in place only while sql.js loads.
 */
async function withMemoryCaught(load: () => Promise<SqlJsStatic>): Promise<SqlJsStatic> {
  const instantiate = WebAssembly.instantiate;
  let memory: WebAssembly.Memory | null = null;
  const catching = (...args: Parameters<typeof instantiate>) =>
    (instantiate as (...a: unknown[]) => Promise<unknown>).apply(WebAssembly, args).then((r) => {
      const instance = r instanceof WebAssembly.Instance ? r : (r as WebAssembly.WebAssemblyInstantiatedSource).instance;
      for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory) memory ??= v;
      return r;
    });
  WebAssembly.instantiate = catching as typeof instantiate;
  try {
    const SQL = await load();
    loaded = { SQL, memory };
    return SQL;
  } finally {
    WebAssembly.instantiate = instantiate;
  }
}
