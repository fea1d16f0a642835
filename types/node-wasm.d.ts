// Node has the WebAssembly global, but TypeScript declares it only in the DOM library, which code that
// runs in Node must not see. This is the part of it the sql.js memory hook uses.
declare namespace WebAssembly {
  class Memory {
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    readonly exports: Record<string, unknown>;
  }
  interface WebAssemblyInstantiatedSource {
    instance: Instance;
  }
  function instantiate(...args: unknown[]): Promise<unknown>;
}
