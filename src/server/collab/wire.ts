// Reads the Yjs update out of an incoming Hocuspocus message, so it can be appended to the log
// *before* Hocuspocus applies and acknowledges it (lib0 encoding: LEB128 varuints, strings and
// byte arrays prefixed by their length).

const SYNC = 0;
const SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
// An update with no structs and no deletions: nothing to keep.
const EMPTY_UPDATE_BYTES = 2;

class Reader {
  private pos = 0;
  constructor(private readonly data: Uint8Array) {}

  varUint(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.data[this.pos++];
      if (byte === undefined || shift > 49) throw new RangeError('truncated message');
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  }

  bytes(): Uint8Array {
    const length = this.varUint();
    if (this.pos + length > this.data.length) throw new RangeError('truncated message');
    const out = this.data.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

/** The document update a message carries (sync step 2 or update), or null for any other message. */
export function updateOf(message: Uint8Array): Uint8Array | null {
  try {
    const reader = new Reader(message);
    reader.bytes(); // document name
    const type = reader.varUint();
    if (type !== SYNC && type !== SYNC_REPLY) return null;
    const step = reader.varUint();
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
    const update = reader.bytes();
    return update.length <= EMPTY_UPDATE_BYTES ? null : update;
  } catch {
    // Hocuspocus itself answers a malformed message.
    return null;
  }
}
