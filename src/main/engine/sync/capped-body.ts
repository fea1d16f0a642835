// A response body read as a stream with a byte cap: a hostile or broken server can send a body that
// never ends, and holding it whole would exhaust memory. Past the cap the transfer is aborted.

/** A cap of the run was reached: not worth a retry (the same request would meet it again). */
export class SyncLimitError extends Error {
  constructor(
    message: string,
    readonly kind: 'page-bytes' | 'pages',
    readonly limit: number,
  ) {
    super(message);
  }
}

export async function readCapped(res: Response, maxBytes: number, over: () => SyncLimitError): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw over();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw over();
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, size);
}
