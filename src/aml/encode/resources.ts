import { Buffer } from './data.ts';
import { AmlEncodeError } from './errors.ts';
import type { AmlNode } from './node.ts';
import { AmlWriter } from './writer.ts';

/** One resource descriptor of a ResourceTemplate (ACPI 6.5 §6.4). */
export interface ResourceDescriptor {
  encode(w: AmlWriter): void;
}

function check(what: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new AmlEncodeError('out-of-range', `${what} ${v} is out of range 0..${max}`);
  }
}

// ACPI 6.5 §6.4.2.5 I/O Port Descriptor (small, type 0x08, length 7):
//   0x47, information (bit0: 16-bit decode), min, max, alignment, length
export class Io implements ResourceDescriptor {
  constructor(
    readonly decode: 'Decode16' | 'Decode10',
    readonly min: number,
    readonly max: number,
    readonly alignment: number,
    readonly length: number,
  ) {
    check('IO minimum', min, 0xffff);
    check('IO maximum', max, 0xffff);
    check('IO alignment', alignment, 0xff);
    check('IO length', length, 0xff);
  }
  encode(w: AmlWriter): void {
    w.u8(0x47).u8(this.decode === 'Decode16' ? 1 : 0).u16(this.min).u16(this.max).u8(this.alignment).u8(this.length);
  }
}

// ACPI 6.5 §6.4.3.4 32-Bit Fixed Memory Range Descriptor (large, type 0x06):
//   0x86, length 9, information (bit0: read-write), base, length
export class Memory32Fixed implements ResourceDescriptor {
  constructor(
    readonly access: 'ReadWrite' | 'ReadOnly',
    readonly base: number,
    readonly length: number,
  ) {
    check('Memory32Fixed base', base, 0xffffffff);
    check('Memory32Fixed length', length, 0xffffffff);
  }
  encode(w: AmlWriter): void {
    w.u8(0x86).u16(9).u8(this.access === 'ReadWrite' ? 1 : 0).u32(this.base).u32(this.length);
  }
}

export interface InterruptOptions {
  readonly consumer?: boolean;
  readonly edge?: boolean;
  readonly activeLow?: boolean;
  readonly shared?: boolean;
  readonly wakeCapable?: boolean;
}

// ACPI 6.5 §6.4.3.6 Extended Interrupt Descriptor (large, type 0x09):
//   0x89, length, flags (bit0 consumer, bit1 edge, bit2 active-low, bit3 shared,
//   bit4 wake-capable), count, count × DWORD interrupt numbers
export class Interrupt implements ResourceDescriptor {
  constructor(
    readonly options: InterruptOptions,
    readonly interrupts: readonly number[],
  ) {
    if (interrupts.length < 1 || interrupts.length > 255) {
      throw new AmlEncodeError('bad-argument', `Interrupt descriptor needs 1..255 interrupts, got ${interrupts.length}`);
    }
    for (const i of interrupts) check('interrupt number', i, 0xffffffff);
  }
  encode(w: AmlWriter): void {
    const o = this.options;
    const flags =
      ((o.consumer ?? true) ? 1 : 0) | (o.edge ? 2 : 0) | (o.activeLow ? 4 : 0) | (o.shared ? 8 : 0) | (o.wakeCapable ? 16 : 0);
    w.u8(0x89).u16(2 + 4 * this.interrupts.length).u8(flags).u8(this.interrupts.length);
    for (const i of this.interrupts) w.u32(i);
  }
}

// ACPI 6.5 §6.4.2.9 End Tag (small, type 0x0F, length 1): 0x79, checksum.
// A zero checksum means "treat as valid" and is what iasl and QEMU write; with
// `checksum: true` the byte makes the whole template sum to zero.
function endTag(w: AmlWriter, body: Uint8Array, withChecksum: boolean): void {
  w.u8(0x79);
  if (!withChecksum) {
    w.u8(0);
    return;
  }
  let sum = 0x79;
  for (const b of body) sum += b;
  w.u8((0x100 - (sum & 0xff)) & 0xff);
}

/** ASL ResourceTemplate(): a Buffer of descriptors closed by an End Tag. */
export function resourceTemplate(items: readonly ResourceDescriptor[], options: { checksum?: boolean } = {}): AmlNode {
  const w = new AmlWriter();
  for (const it of items) it.encode(w);
  const body = w.finish();
  endTag(w, body, options.checksum ?? false);
  return new Buffer(w.finish());
}
