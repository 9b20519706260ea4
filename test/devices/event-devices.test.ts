import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GenericEventDevice, GedEvent } from '../../src/devices/ged.ts';
import { Gpe0Block, GPE_CPU_HOTPLUG_BIT } from '../../src/devices/gpe.ts';

describe('GPE0 block', () => {
  test('a raised status bit drives the SCI only while its enable bit is set', () => {
    const levels: boolean[] = [];
    const gpe = new Gpe0Block(16, (l) => levels.push(l));
    gpe.raise(GPE_CPU_HOTPLUG_BIT);
    assert.equal(gpe.read(0, 1), 0x04);
    assert.equal(gpe.sci, false);
    gpe.write(8, 1, 0x04); // enable bit 2
    assert.equal(gpe.sci, true);
    gpe.write(0, 1, 0x04); // write 1 to clear
    assert.equal(gpe.read(0, 1), 0);
    assert.deepEqual(levels, [true, false]);
  });

  test('writing 0 to status clears nothing; wide accesses cover several bytes', () => {
    const gpe = new Gpe0Block(4, () => {});
    gpe.raise(2);
    gpe.raise(9);
    gpe.write(0, 2, 0);
    assert.equal(gpe.read(0, 2), 0x0204);
    gpe.write(0, 4, 0x00ff0004);
    assert.equal(gpe.read(0, 4), 0x00ff0200);
  });

  test('state survives save and load', () => {
    const a = new Gpe0Block(16, () => {});
    a.raise(2);
    a.write(8, 1, 4);
    const b = new Gpe0Block(16, () => {});
    b.load(a.save());
    assert.equal(b.sci, true);
    assert.throws(() => b.load(new Uint8Array(3)), RangeError);
  });
});

describe('Generic Event Device', () => {
  test('the selector reads pending events and clears them; writes are ignored', () => {
    let pulses = 0;
    const ged = new GenericEventDevice(() => pulses++);
    ged.send(GedEvent.CPU_HOTPLUG);
    ged.send(GedEvent.PWR_DOWN);
    ged.write();
    assert.equal(ged.read(0, 4), 0x0a);
    assert.equal(ged.read(0, 4), 0);
    assert.equal(pulses, 2);
  });
});
