// QEMU's fw_cfg device over the x86 IO ports, driven through qtest.
//
// Selector 0x510 (16-bit LE), data 0x511 (one byte per inb), DMA address
// 0x514..0x51b (64-bit, big-endian). The ACPI tables, the RSDP and the
// table-loader script are fw_cfg "files"; the file directory is key 0x19.
// DMA is 4-5x faster than byte mode for the 128 KiB etc/acpi/tables blob.

import type { QTest } from './qtest.ts';

export const FW_CFG_SELECTOR = 0x510;
export const FW_CFG_DATA = 0x511;
export const FW_CFG_DMA_HI = 0x514;
export const FW_CFG_DMA_LO = 0x518;

export const FW_CFG_SIGNATURE = 0x00;
export const FW_CFG_ID = 0x01;
export const FW_CFG_FILE_DIR = 0x19;

const DMA_CTL_ERROR = 0x01;
const DMA_CTL_READ = 0x02;
const DMA_CTL_SELECT = 0x08;
/** FW_CFG_ID feature bit: the DMA interface exists. */
const FEATURE_DMA = 0x02;

/** Guest RAM used for the DMA descriptor; the data buffer follows at +4 KiB. */
export const DMA_SCRATCH = 0x100000;
/** Bound on one read (the buffer must fit in guest RAM; -m defaults to 128 MiB). */
export const MAX_READ = 16 * 1024 * 1024;
/** Bound on directory entries (QEMU 7.2 allows at most 0x1000 file slots). */
const MAX_FILES = 0x1000;
const DIR_ENTRY = 64;

export interface FwCfgFile {
  select: number;
  size: number;
}

export interface FwCfgOptions {
  /** Use DMA if the device offers it (default true). */
  dma?: boolean;
  dmaScratch?: number;
}

export class FwCfgIO {
  private constructor(
    private readonly qt: QTest,
    /** Whether reads go through DMA (else byte-wise inb). */
    readonly useDma: boolean,
    private readonly dmaScratch: number,
  ) {}

  /** Check the "QEMU" signature and probe the DMA feature. */
  static async open(qt: QTest, opts: FwCfgOptions = {}): Promise<FwCfgIO> {
    await qt.outw(FW_CFG_SELECTOR, FW_CFG_SIGNATURE);
    const sig = Buffer.from(await qt.inbMany(FW_CFG_DATA, 4)).toString('latin1');
    if (sig !== 'QEMU') throw new Error(`fw_cfg: signature ${JSON.stringify(sig)}, expected "QEMU"`);
    await qt.outw(FW_CFG_SELECTOR, FW_CFG_ID);
    const features = await qt.inb(FW_CFG_DATA);
    const dma = (opts.dma ?? true) && (features & FEATURE_DMA) !== 0;
    return new FwCfgIO(qt, dma, opts.dmaScratch ?? DMA_SCRATCH);
  }

  /** Read `size` bytes of item `key` from its start. */
  async readKey(key: number, size: number): Promise<Uint8Array> {
    if (!Number.isInteger(key) || key < 0 || key > 0xffff) throw new RangeError(`fw_cfg: bad key ${key}`);
    if (!Number.isInteger(size) || size < 0 || size > MAX_READ) throw new RangeError(`fw_cfg: bad size ${size}`);
    if (size === 0) return new Uint8Array(0);
    if (this.useDma) return this.dmaRead(key, size);
    await this.qt.outw(FW_CFG_SELECTOR, key);
    return this.qt.inbMany(FW_CFG_DATA, size);
  }

  private async dmaRead(key: number, size: number): Promise<Uint8Array> {
    const desc = this.dmaScratch;
    const buf = desc + 0x1000;
    // FWCfgDmaAccess { be32 control; be32 length; be64 address; }
    const d = Buffer.alloc(16);
    d.writeUInt32BE(((key << 16) | DMA_CTL_SELECT | DMA_CTL_READ) >>> 0, 0);
    d.writeUInt32BE(size, 4);
    d.writeBigUInt64BE(BigInt(buf), 8);
    await this.qt.write(desc, d);
    // The address register is big-endian and an outl stores little-endian,
    // so byte-swap. Writing the low half (0x518) starts the transfer, which
    // QEMU completes before the outl returns.
    await this.qt.outl(FW_CFG_DMA_HI, 0);
    await this.qt.outl(FW_CFG_DMA_LO, bswap32(desc));
    const ctl = Buffer.from(await this.qt.read(desc, 4)).readUInt32BE(0);
    if (ctl !== 0) {
      throw new Error(`fw_cfg DMA of key 0x${key.toString(16)} failed, control=0x${ctl.toString(16)}` +
        ((ctl & DMA_CTL_ERROR) !== 0 ? ' (error bit)' : ''));
    }
    return this.qt.read(buf, size);
  }

  /** The file directory: name -> {select, size}. */
  async files(): Promise<Map<string, FwCfgFile>> {
    // A BE32 count, then 64-byte entries: BE32 size, BE16 select, 16 reserved bits, name[56].
    await this.qt.outw(FW_CFG_SELECTOR, FW_CFG_FILE_DIR);
    const count = Buffer.from(await this.qt.inbMany(FW_CFG_DATA, 4)).readUInt32BE(0);
    if (count > MAX_FILES) throw new Error(`fw_cfg: implausible file count ${count}`);
    const dir = Buffer.from(await this.readKey(FW_CFG_FILE_DIR, 4 + DIR_ENTRY * count));
    const out = new Map<string, FwCfgFile>();
    for (let i = 0; i < count; i++) {
      const e = dir.subarray(4 + DIR_ENTRY * i, 4 + DIR_ENTRY * (i + 1));
      const nameBytes = e.subarray(8);
      const nul = nameBytes.indexOf(0);
      const name = nameBytes.subarray(0, nul < 0 ? nameBytes.length : nul).toString('latin1');
      out.set(name, { select: e.readUInt16BE(4), size: e.readUInt32BE(0) });
    }
    return out;
  }

  /** Read a whole fw_cfg file by name. */
  async readFile(name: string, files?: Map<string, FwCfgFile>): Promise<Uint8Array> {
    const f = (files ?? (await this.files())).get(name);
    if (f === undefined) throw new Error(`fw_cfg: no file ${JSON.stringify(name)}`);
    return this.readKey(f.select, f.size);
  }
}

function bswap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}
