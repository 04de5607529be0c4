import type { Managers } from '../managers/index.js';
import type { Image, Server } from '../managers/types.js';
import { UsageError, describeError } from '../session/errors.js';
import { bytesCell, shown, sizeText } from './cell.js';
import { parseInteger, parseKeyValues } from './parse.js';
import type { Cell, CommandContext, CommandResult, CommandSpec } from './types.js';
import { waitForImage, waitForServer } from './wait.js';

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
  const others = Object.fromEntries(Object.entries(i.properties).filter(([k]) => !['image_type', 'backup_type', 'instance_uuid'].includes(k)));
  fields.push(['properties', others]);
  return { kind: 'record', fields, data: i };
}

/** After createImage/createBackup: the image to active, and the server's task state back to none. */
async function settleSnapshot(ctx: CommandContext, m: Managers, s: Server, imageId: string | undefined, label: string): Promise<Image | undefined> {
  const image = imageId ? await waitForImage(m, imageId, label, ctx.progress, { signal: ctx.signal }) : undefined;
  await waitForServer(m, s.id, label, (x) => !x.taskState, ctx.progress, { signal: ctx.signal });
  return image;
}

const backupCommand: CommandSpec = {
  name: 'backup',
  group: 'images',
  summary: 'Back up a server to an image; Nova keeps only the <rotation> newest backups of that type',
  positionals: [
    { name: 'server', required: true, completer: 'server' },
    { name: 'name', required: true, help: 'Name of the backup image' },
    { name: 'backup-type', required: true, completer: ['daily', 'weekly'], help: 'daily, weekly, or any label' },
    { name: 'rotation', required: true, help: 'How many backups of this type to keep (>= 0)' },
  ],
  options: {
    meta: { type: 'string', multiple: true, help: 'Image metadata key=value (repeatable)', valueName: 'KEY=VALUE' },
    wait: { type: 'boolean', help: 'Wait until the backup image is active and rotation has run' },
  },
  mutating: true,
  examples: ['novash backup vm1 vm1-backup daily 2 --wait'],
  async run(ctx, input) {
    const rotation = parseInteger(String(input.args.rotation), '<rotation>', 0)!;
    const type = String(input.args['backup-type']);
    const name = String(input.args.name);
    const metadata = parseKeyValues(input.options.meta as string[] | undefined, '--meta');
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    const { imageId } = await m.servers.backup(s.id, name, type, rotation, metadata);
    const what = `Backup '${name}' of server ${s.name}${imageId ? ` (image ${imageId})` : ''}`;
    if (!input.options.wait) {
      const keeps = rotation === 0 ? `rotation 0: Nova then deletes every ${type} backup of this server, this one included` : `Nova keeps the ${rotation} newest ${type} backup${rotation === 1 ? '' : 's'} of this server`;
      return { kind: 'message', text: `${what} requested; ${keeps}.`, data: { imageId } };
    }
    // Rotation 0 deletes every backup of the type, the new one included: there is no image to wait for.
    const image = await settleSnapshot(ctx, m, s, rotation > 0 ? imageId : undefined, `backup ${s.name}`);
    // Nova rotates after the upload: wait until it has, so what we report is what Glance holds.
    let kept = await m.images.backupsOf(s.id, type);
    for (let i = 0; i < 30 && kept.length > rotation; i++) {
      ctx.progress.update(`backup ${s.name}: rotating (${kept.length} ${type} backups, keeping ${rotation})`);
      await new Promise((r) => setTimeout(r, Number(process.env.NOVASH_POLL_MS ?? 2000)));
      kept = await m.images.backupsOf(s.id, type);
    }
    ctx.progress.done();
    if (!image) return { kind: 'message', text: `${what} done; rotation 0 removed every ${type} backup.`, data: { imageId } };
    const rec = imageRecord(image);
    if (rec.kind === 'record') rec.fields.push(['kept_backups', kept.map((k) => k.name)]);
    return rec;
  },
};

const imageCreateCommand: CommandSpec = {
  name: 'image-create',
  group: 'images',
  summary: 'Snapshot a server to a new image',
  positionals: [{ name: 'server', required: true, completer: 'server' }, { name: 'name', required: true, help: 'Name of the new image' }],
  options: {
    metadata: { type: 'string', multiple: true, help: 'Image metadata key=value (repeatable)', valueName: 'KEY=VALUE' },
    wait: { type: 'boolean', help: 'Wait until the image is active' },
    show: { type: 'boolean', help: 'Show the image when done' },
  },
  mutating: true,
  examples: ['novash image-create --wait vm1 vm1-snap'],
  async run(ctx, input) {
    const metadata = parseKeyValues(input.options.metadata as string[] | undefined, '--metadata');
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    const { imageId } = await m.servers.createImage(s.id, String(input.args.name), metadata);
    if (imageId) m.cache.add('image', [{ id: imageId, name: String(input.args.name) }]);
    if (input.options.wait) {
      const image = await settleSnapshot(ctx, m, s, imageId, `snapshot ${s.name}`);
      if (image) return imageRecord(image);
    } else if (input.options.show && imageId) {
      return imageRecord(await m.images.get(imageId));
    }
    return { kind: 'message', text: `Snapshot '${input.args.name}' of server ${s.name} requested${imageId ? `: image ${imageId}` : ''}.`, data: { imageId } };
  },
};

const imageListCommand: CommandSpec = {
  name: 'image-list',
  group: 'images',
  summary: 'List images (from Glance)',
  positionals: [],
  options: {
    name: { type: 'string', help: 'Only images with exactly this name', valueName: 'NAME' },
    status: { type: 'string', help: 'Only images with this status (active, queued, saving, ...)', valueName: 'STATUS' },
    visibility: { type: 'string', help: 'public, private, shared or community', valueName: 'VISIBILITY', completer: ['public', 'private', 'shared', 'community'] },
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
      rows: images.map((i) => [i.id, i.name, i.status, bytesCell(i.size), i.minDisk, i.minRam, i.visibility, imageKindCell(i), i.instanceUuid ?? null]),
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

export const imageCommands: CommandSpec[] = [backupCommand, imageCreateCommand, imageListCommand, imageShowCommand, imageDeleteCommand];
