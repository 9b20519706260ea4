// What the firmware-set tests evaluate after loading and initialising each set:
// the methods an OS calls at boot and on events (_PDC, _OSC, _PRT, battery,
// lid, thermal, EC queries, _DSM), in order, so later ones see what earlier ones
// did (run-time table loads, _PIC). Shared by our test and the differential one.
import type { Command } from '../../peers/aml-trace.ts';

const int = (value: number | bigint) => ({ kind: 'integer' as const, value: BigInt(value) });
const buf = (...bytes: number[]) => ({ kind: 'buffer' as const, value: Uint8Array.from(bytes) });

/** ToUUID of the PCI host bridge _OSC, the Intel graphics _DSM and a made-up CPU _DSM. */
const PCI_OSC = [0x5b, 0x4d, 0xdb, 0x33, 0xf7, 0x1f, 0x1c, 0x40, 0x96, 0x57, 0x74, 0x41, 0xc0, 0x3d, 0xd7, 0x66];
const GFX_DSM = [0xc6, 0x41, 0x5b, 0x3e, 0x1d, 0xeb, 0x60, 0x42, 0x9d, 0x15, 0xc7, 0x1f, 0xba, 0xda, 0xe4, 0x14];
const CPU_DSM = [0x16, 0xa6, 0x77, 0x40, 0x0c, 0x29, 0xbe, 0x47, 0x9e, 0xbd, 0xd8, 0x70, 0x58, 0x71, 0x39, 0x53];
/** _OSC capabilities: status 0, support 0x1F, control 0x1D (little-endian dwords). */
const OSC_CAPS = [0, 0, 0, 0, 0x1f, 0, 0, 0, 0x1d, 0, 0, 0];

export const FIRMWARE_COMMANDS: Readonly<Record<string, readonly Command[]>> = {
  laptop: [
    { path: '\\OSYS' },
    { path: '\\ECON' },
    { path: '\\_PR.CPU0._PDC', args: [buf(1, 0, 0, 0, 2, 0, 0, 0, 0x19, 0, 0, 0)] },
    { path: '\\_PR.CPU0._PSS' },
    { path: '\\_PR.CPU0._PPC' },
    { path: '\\_PR.CPU0._CST' },
    { path: '\\_SB.PCI0._PRT' },
    { path: '\\_PIC', args: [int(1)] },
    { path: '\\_SB.PCI0._PRT' },
    { path: '\\_SB.PCI0._OSC', args: [buf(...PCI_OSC), int(1), int(3), buf(...OSC_CAPS)] },
    { path: '\\_SB.PCI0._OSC', args: [buf(...GFX_DSM), int(1), int(3), buf(...OSC_CAPS)] },
    { path: '\\_SB.PCI0.LPCB.EC0._Q11' },
    { path: '\\_SB.PCI0.LPCB.EC0._Q12' },
    { path: '\\_SB.PCI0.LPCB.EC0._Q20' },
    { path: '\\_SB.PCI0.LPCB.EC0._Q30' },
    { path: '\\_SB.PCI0.LPCB.EC0.QDSP', args: [int(0x99)] },
    { path: '\\_SB.BAT0._STA' },
    { path: '\\_SB.BAT0._BIX' },
    { path: '\\_SB.BAT0._BST' },
    { path: '\\_SB.AC._PSR' },
    { path: '\\_SB.LID0._LID' },
    { path: '\\_TZ.TZ00._TMP' },
    { path: '\\_SB.PCI0.GFX0._DOD' },
    { path: '\\_SB.PCI0.GFX0._DSM', args: [buf(...GFX_DSM), int(1), int(0), int(0)] },
    { path: '\\_SB.PCI0.GFX0._DSM', args: [buf(...GFX_DSM), int(1), int(1), int(0)] },
    { path: '\\_SB.PCI0.GFX0._DSM', args: [buf(...GFX_DSM), int(1), int(2), int(0)] },
    { path: '\\_SB.PCI0.GFX0.LCD0._BQC' },
    { path: '\\_SB.LNKA._INI' },
  ],
  server: [
    { path: '\\OSFL' },
    { path: '\\RASE' },
    { path: '\\_SB.PCI0._CRS' },
    { path: '\\_SB.PCI0._PRT' },
    { path: '\\_PIC', args: [int(1)] },
    { path: '\\_SB.PCI0._PRT' },
    { path: '\\_SB.PCI1._PRT' },
    { path: '\\_SB.PCI0._OSC', args: [buf(...PCI_OSC), int(1), int(3), buf(...OSC_CAPS)] },
    { path: '\\_SB.PCI1._OSC', args: [buf(...CPU_DSM), int(1), int(3), buf(...OSC_CAPS)] },
    { path: '\\_SB.C000._STA' },
    { path: '\\_SB.C002._STA' },
    { path: '\\_SB.C002._MAT' },
    { path: '\\_SB.C003._DSM', args: [buf(...CPU_DSM), int(1), int(0), int(0)] },
    { path: '\\_SB.C003._DSM', args: [buf(...CPU_DSM), int(1), int(2), int(0)] },
    { path: '\\_SB.C003._DSM', args: [buf(...PCI_OSC), int(1), int(2), int(0)] },
    { path: '\\_SB.RAS0._STA' },
    { path: '\\_SB.RAS0.RAIS', args: [int(1)] },
    { path: '\\_SB.RAS0.RAIS', args: [int(4)] },
    { path: '\\_SB.PCI0.RP01._STA' },
    { path: '\\_SB.PCI1.RP01.LKUP' },
    { path: '\\_SB.PCI1.RP01.NVM0._STA' },
    { path: '\\_SB.PCI1.RP01.NVM0.NSSZ', args: [int(1)] },
    { path: '\\_SB.PCI1.RP01.NVM0.NSSZ', args: [int(5)] },
  ],
};
