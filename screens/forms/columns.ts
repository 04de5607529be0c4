import { sizeText } from '../../src/commands/images.js';
import type { Flavor, Image } from '../../src/managers/types.js';
import type { Column } from '../widgets/Table.js';

/** The pick lists' columns for images (boot's Source, rebuild) and flavors (boot, resize). */

export const IMAGE_COLUMNS: Array<Column<Image>> = [
  { key: 'name', title: 'Name', value: (i) => i.name || i.id },
  { key: 'status', title: 'Status', width: 8, value: (i) => i.status },
  { key: 'size', title: 'Size', width: 10, align: 'right', value: (i) => sizeText(i.size) },
  { key: 'mindisk', title: 'Min disk', width: 8, align: 'right', value: (i) => (i.minDisk ? `${i.minDisk} GB` : '-') },
  { key: 'minram', title: 'Min RAM', width: 9, align: 'right', value: (i) => (i.minRam ? `${i.minRam} MiB` : '-') },
];

export const FLAVOR_COLUMNS: Array<Column<Flavor>> = [
  { key: 'name', title: 'Name', value: (f) => f.name },
  { key: 'vcpus', title: 'vCPUs', width: 5, align: 'right', value: (f) => String(f.vcpus) },
  { key: 'ram', title: 'RAM MiB', width: 8, align: 'right', value: (f) => String(f.ram) },
  { key: 'disk', title: 'Disk GB', width: 7, align: 'right', value: (f) => String(f.disk) },
];
