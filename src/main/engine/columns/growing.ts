// Typed arrays that grow by doubling as rows are appended (a case grows by import and sync).

type Typed = Uint32Array | Uint8Array | Float64Array;

class Growing<T extends Typed> {
  length = 0;
  constructor(
    private make: (n: number) => T,
    public data: T = make(1024),
  ) {}

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }

  reserve(n: number): void {
    if (n <= this.data.length) return;
    const bigger = this.make(Math.max(n, 2 * this.data.length));
    // The whole array: rows staged past length (an open import's, see EventColumns.inserted) are kept too.
    bigger.set(this.data as never);
    this.data = bigger;
  }

  bytes(): number {
    return this.data.byteLength;
  }
}

export class GrowingU32 extends Growing<Uint32Array> {
  constructor() {
    super((n) => new Uint32Array(n));
  }
}

export class GrowingU8 extends Growing<Uint8Array> {
  constructor() {
    super((n) => new Uint8Array(n));
  }
}

export class GrowingF64 extends Growing<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n));
  }
}
