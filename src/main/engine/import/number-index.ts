/**
 * A hash table from non-negative integer keys (< 2^53) to int32 values, in typed arrays: de-duplicating
 * a million records through a Map of hash strings costs seconds of hashing, rehashing and GC; this
 * costs tens of milliseconds. Keeps the first value stored for a key.
 */
export class NumberIndex {
  private keys: Float64Array;
  private vals: Int32Array;
  private used = 0;

  constructor(capacity = 1 << 16) {
    let size = 1 << 4;
    while (size < capacity * 2) size <<= 1;
    this.keys = new Float64Array(size).fill(-1);
    this.vals = new Int32Array(size);
  }

  get size(): number {
    return this.used;
  }

  private slot(key: number, keys: Float64Array): number {
    const mask = keys.length - 1;
    // Mix the low and high halves: keys are hash prefixes, but cheap insurance against patterns.
    let i = Math.imul((key >>> 0) ^ Math.floor(key / 4294967296), 0x9e3779b1) & mask;
    for (;;) {
      const k = keys[i];
      if (k === key || k === -1) return i;
      i = (i + 1) & mask;
    }
  }

  get(key: number): number {
    const i = this.slot(key, this.keys);
    return this.keys[i] === key ? this.vals[i] : -1;
  }

  /** Stores value under key unless the key is already there; returns the value now stored. */
  setIfAbsent(key: number, value: number): number {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const i = this.slot(key, this.keys);
    if (this.keys[i] === key) return this.vals[i];
    this.keys[i] = key;
    this.vals[i] = value;
    this.used++;
    return value;
  }

  private grow(): void {
    const oldK = this.keys;
    const oldV = this.vals;
    this.keys = new Float64Array(oldK.length * 2).fill(-1);
    this.vals = new Int32Array(oldK.length * 2);
    for (let j = 0; j < oldK.length; j++) {
      if (oldK[j] === -1) continue;
      const i = this.slot(oldK[j], this.keys);
      this.keys[i] = oldK[j];
      this.vals[i] = oldV[j];
    }
  }
}

/** A 52-bit hash of a string (two FNV-1a lanes), for keys like vendor + event id. */
export function stringKey(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 1048576 + ((b >>> 0) & 0xfffff);
}
