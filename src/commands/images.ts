import type { Image } from '../managers/types.js';
import { UsageError, describeError } from '../session/errors.js';
import { bytesCell, shown, sizeText } from './cell.js';
import { parseInteger, parseKeyValues } from './parse.js';
import type { Cell, CommandResult, CommandSpec } from './types.js';

export { sizeText };

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Backups and snapshots name their server: that is what an operator looks for in an image list. */
export function imageKind(i: Image): string {
  if (i.imageType === 'backup') return `backup${i.backupType ? ` (${i.backupType})` : ''}`;
  if (i.imageType === 'snapshot') return 'snapshot';
  return '';
}

/** The image-list Kind column: Nova's image_type (backup, snapshot) for machines, with the backup type in a table. */
function imageKindCell(i: Image): Cell {
  return i.imageType ? shown(i.imageType, imageKind(i) || i.imageType) : null;
}

/** image-show: Glance's fields, sizes in bytes (as the openstack CLI shows them), null for what is not set. */
export function imageRecord(i: Image): CommandResult {
  const fields: Array<[string, Cell]> = [
    ['id', i.id],
    ['name', i.name],
    ['status', i.status],
    ['size', i.size ?? null],
    ['virtual_size', i.virtualSize ?? null],
    ['min_disk', i.minDisk],
    ['min_ram', i.minRam],
    ['disk_format', i.diskFormat ?? null],
    ['container_format', i.containerFormat ?? null],
    ['visibility', i.visibility],
    ['protected', i.protected ?? false],
    ['owner', i.owner ?? null],
    ['checksum', i.checksum ?? null],
    ['created_at', i.createdAt ?? null],
    ['updated_at', i.updatedAt ?? null],
  ];
  if (i.imageType) fields.push(['image_type', i.imageType]);
  if (i.backupType) fields.push(['backup_type', i.backupType]);
  if (i.instanceUuid) fields.push(['instance_uuid', i.instanceUuid]);
  const others = Object.fromEntries(
    Object.entries(i.properties).filter(([k]) => !['image_type', 'backup_type', 'instance_uuid'].includes(k)),
  );
  fields.push(['properties', others]);
  return { kind: 'record', fields, data: i };
}

const imageListCommand: CommandSpec = {
  name: 'image-list',
  group: 'images',
  summary: 'List images (from Glance)',
  positionals: [],
  options: {
    name: { type: 'string', help: 'Only images with exactly this name', valueName: 'NAME' },
    status: { type: 'string', help: 'Only images with this status (active, queued, saving, ...)', valueName: 'STATUS' },
    visibility: {
      type: 'string',
      help: 'public, private, shared or community',
      valueName: 'VISIBILITY',
      completer: ['public', 'private', 'shared', 'community'],
    },
    property: { type: 'string', multiple: true, help: 'Only images with this property key=value (repeatable)', valueName: 'KEY=VALUE' },
    server: { type: 'string', help: 'Only backups and snapshots of this server', valueName: 'SERVER', completer: 'server' },
    limit: { type: 'string', help: 'At most this many images', valueName: 'N' },
  },
  mutating: false,
  examples: ['novash image-list', 'novash image-list --server vm1', 'novash image-list --property image_type=backup'],
  async run(ctx, input) {
    const o = input.options;
    const props = parseKeyValues(o.property as string[] | undefined, '--property');
    const m = await ctx.managers();
    if (str(o.server)) props.instance_uuid = (await m.servers.find(str(o.server)!)).id;
    const images = await m.images.list(
      { name: str(o.name), status: str(o.status), visibility: str(o.visibility), properties: props },
      { limit: parseInteger(str(o.limit), '--limit', 1) },
    );
    return {
      kind: 'table',
      columns: ['ID', 'Name', 'Status', 'Size', 'Min Disk', 'Min RAM', 'Visibility', 'Kind', 'Server'],
      rows: images.map((i) => [
        i.id,
        i.name,
        i.status,
        bytesCell(i.size),
        i.minDisk,
        i.minRam,
        i.visibility,
        imageKindCell(i),
        i.instanceUuid ?? null,
      ]),
      data: images,
    };
  },
};

const imageShowCommand: CommandSpec = {
  name: 'image-show',
  group: 'images',
  summary: 'Show the details of an image',
  positionals: [{ name: 'image', required: true, completer: 'image' }],
  options: {},
  mutating: false,
  examples: ['novash image-show tiny-image'],
  async run(ctx, input) {
    const m = await ctx.managers();
    return imageRecord(await m.images.find(String(input.args.image)));
  },
};

const imageDeleteCommand: CommandSpec = {
  name: 'image-delete',
  group: 'images',
  summary: 'Delete images',
  positionals: [{ name: 'image', required: true, variadic: true, completer: 'image' }],
  options: {},
  mutating: true,
  examples: ['novash image-delete vm1-snap'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const names = input.args.image as string[];
    const lines: string[] = [];
    const errors: string[] = [];
    for (const n of names) {
      try {
        const img = await m.images.find(n);
        if (img.protected) throw new UsageError('it is protected');
        await m.images.delete(img.id);
        lines.push(`Image ${img.name} (${img.id}) deleted.`);
      } catch (err) {
        errors.push(`Cannot delete image '${n}': ${describeError(err)}`);
      }
    }
    return { kind: 'message', text: lines.join('\n'), errors, failed: errors.length > 0 };
  },
};

export const imageCommands: CommandSpec[] = [imageListCommand, imageShowCommand, imageDeleteCommand];
