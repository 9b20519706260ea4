import { report } from './measure.ts';
import { benchQmpHotplug } from './qmp-hotplug.ts';
report(await benchQmpHotplug());
