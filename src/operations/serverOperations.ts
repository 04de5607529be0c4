import { parseInteger, parseKeyValues } from '../commands/parse.js';
import { UsageError } from '../session/errors.js';
import { followImage, followServer, pollInterval, sleep } from './follow.js';
import type { Settle, StateRule } from './states.js';
import type { OperationContext, ServerOperation } from './types.js';

/**
 * Nova's own server actions, one row each. When a row applies follows Nova's
 * check_instance_state rules (nova/compute/api.py): e.g. a soft reboot only for an ACTIVE server
 * with no task, a hard one also for SHUTOFF, PAUSED, SUSPENDED and ERROR ones.
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const until = (...status: string[]): Settle => ({ status });
const when = (status: string[], idle = false): StateRule => ({ status, idle });

const IMAGEABLE = ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED'];

/** After createImage / createBackup: the image to active, then the server's task back to none. */
async function followSnapshot(ctx: OperationContext, serverId: string, imageId: string | undefined, label: string) {
  const opts = { signal: ctx.signal, timeoutMs: 60 * 60_000 };
  const image = imageId ? await followImage(ctx.managers, imageId, label, ctx.progress, opts) : undefined;
  const server = await followServer(ctx.managers, serverId, label, { status: IMAGEABLE.concat('ERROR') }, ctx.progress, opts);
  return { image, server };
}

export const SERVER_OPERATIONS: ServerOperation[] = [
  {
    name: 'start',
    label: 'Start',
    hotkey: 's',
    summary: 'Start a stopped server',
    verb: 'start',
    many: true,
    appliesTo: when(['SHUTOFF'], true),
    changesCloud: true,
    settle: until('ACTIVE'),
    send: async ({ managers }, s) => void (await managers.servers.start(s.id)),
  },
  {
    name: 'stop',
    label: 'Stop (power off)',
    hotkey: 'o',
    summary: 'Stop (power off) a server',
    verb: 'stop',
    many: true,
    appliesTo: when(['ACTIVE', 'ERROR', 'PAUSED', 'SUSPENDED', 'RESCUE', 'VERIFY_RESIZE']),
    changesCloud: true,
    settle: until('SHUTOFF'),
    confirm: { question: 'Stop server {server}? Its guest is powered off.', destructive: false },
    send: async ({ managers }, s) => void (await managers.servers.stop(s.id)),
  },
  {
    name: 'reboot',
    label: 'Reboot',
    summary: 'Reboot servers (soft by default)',
    verb: 'reboot',
    many: true,
    appliesTo: when(['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'ERROR', 'REBOOT', 'HARD_REBOOT']),
    changesCloud: true,
    settle: until('ACTIVE'),
    options: { hard: { type: 'boolean', help: 'Hard reboot (power cycle)' } },
    examples: ['novash reboot vm1', 'novash reboot --hard --wait vm1'],
    menu: [
      {
        label: 'Reboot (soft)',
        hotkey: 'r',
        options: {},
        appliesTo: when(['ACTIVE'], true),
        confirm: { question: 'Reboot server {server}? Its guest is asked to restart.', destructive: false },
      },
      {
        label: 'Reboot (hard)',
        hotkey: 'R',
        options: { hard: true },
        appliesTo: when(['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'ERROR', 'REBOOT', 'HARD_REBOOT']),
        confirm: { question: 'Hard reboot server {server}? It is power-cycled, like pulling the plug.', destructive: true },
      },
    ],
    send: async ({ managers, input }, s) => void (await managers.servers.reboot(s.id, input.options.hard === true)),
    waited: (s) => `Server ${s.name} (${s.id}) rebooted.`,
  },
  {
    name: 'pause',
    label: 'Pause',
    hotkey: 'p',
    summary: 'Pause a server (kept in memory)',
    verb: 'pause',
    many: true,
    appliesTo: when(['ACTIVE'], true),
    changesCloud: true,
    settle: until('PAUSED'),
    send: async ({ managers }, s) => void (await managers.servers.pause(s.id)),
  },
  {
    name: 'unpause',
    label: 'Unpause',
    hotkey: 'P',
    summary: 'Unpause a paused server',
    verb: 'unpause',
    many: true,
    appliesTo: when(['PAUSED']),
    changesCloud: true,
    settle: until('ACTIVE'),
    send: async ({ managers }, s) => void (await managers.servers.unpause(s.id)),
  },
  {
    name: 'suspend',
    label: 'Suspend',
    hotkey: 'u',
    summary: 'Suspend a server (state saved to disk)',
    verb: 'suspend',
    many: true,
    appliesTo: when(['ACTIVE'], true),
    changesCloud: true,
    settle: until('SUSPENDED'),
    confirm: { question: 'Suspend server {server}? Its memory is saved to disk and it stops running.', destructive: false },
    send: async ({ managers }, s) => void (await managers.servers.suspend(s.id)),
  },
  {
    name: 'resume',
    label: 'Resume',
    hotkey: 'U',
    summary: 'Resume a suspended server',
    verb: 'resume',
    many: true,
    appliesTo: when(['SUSPENDED']),
    changesCloud: true,
    settle: until('ACTIVE'),
    send: async ({ managers }, s) => void (await managers.servers.resume(s.id)),
  },
  {
    name: 'lock',
    label: 'Lock',
    hotkey: 'l',
    summary: 'Lock servers (non-admins can no longer act on them)',
    verb: 'lock',
    many: true,
    appliesTo: { locked: false },
    changesCloud: true,
    settle: { immediate: true },
    options: { reason: { type: 'string', help: 'Why (compute API 2.73 or later)', valueName: 'TEXT' } },
    examples: ['novash lock vm1 --reason "under investigation"'],
    send: async ({ managers, input }, s) => {
      await managers.servers.lock(s.id, str(input.options.reason));
    },
  },
  {
    name: 'unlock',
    label: 'Unlock',
    hotkey: 'L',
    summary: 'Unlock a server',
    verb: 'unlock',
    many: true,
    appliesTo: { locked: true },
    changesCloud: true,
    settle: { immediate: true },
    send: async ({ managers }, s) => {
      await managers.servers.unlock(s.id);
    },
  },
  {
    name: 'resize',
    label: 'Resize… (pick a flavor)',
    hotkey: 'z',
    summary: 'Resize a server to another flavor (then resize-confirm or resize-revert)',
    verb: 'resize',
    appliesTo: when(['ACTIVE', 'SHUTOFF'], true),
    changesCloud: true,
    settle: until('VERIFY_RESIZE'),
    form: 'resize',
    positionals: [{ name: 'flavor', required: true, completer: 'flavor', help: 'The new flavor' }],
    options: { wait: { type: 'boolean', help: 'Wait until VERIFY_RESIZE, showing progress' } },
    examples: ['novash resize --wait vm1 m1.small', 'novash resize-confirm vm1'],
    async send({ managers, input }, s) {
      const flavor = await managers.flavors.find(String(input.args.flavor));
      await managers.servers.resize(s.id, flavor.id);
      return {
        message: `Request to resize server ${s.name} (${s.id}) to ${flavor.name} has been accepted.`,
        data: { flavor: flavor.id, flavorName: flavor.name },
      };
    },
    waited: (s, _final, answer) =>
      `Server ${s.name} is in VERIFY_RESIZE on ${(answer.data as { flavorName?: string } | undefined)?.flavorName ?? 'the new flavor'}: run 'novash resize-confirm ${s.name}' or 'novash resize-revert ${s.name}'.`,
  },
  {
    name: 'resize-confirm',
    label: 'Confirm resize',
    hotkey: 'c',
    summary: 'Confirm a resize (VERIFY_RESIZE -> ACTIVE on the new flavor)',
    verb: 'confirm the resize of',
    many: true,
    strict: true,
    appliesTo: when(['VERIFY_RESIZE']),
    changesCloud: true,
    settle: until('ACTIVE', 'SHUTOFF'),
    send: async ({ managers }, s) => void (await managers.servers.confirmResize(s.id)),
    waited: (s, f) =>
      `Server ${s.name} (${s.id}): resize confirmed, ${f?.status ?? 'ACTIVE'} on ${f?.flavor.name ?? f?.flavor.id ?? 'the new flavor'}.`,
  },
  {
    name: 'resize-revert',
    label: 'Revert resize',
    hotkey: 'v',
    summary: 'Revert a resize (back to the old flavor)',
    verb: 'revert the resize of',
    many: true,
    strict: true,
    appliesTo: when(['VERIFY_RESIZE']),
    changesCloud: true,
    settle: until('ACTIVE', 'SHUTOFF'),
    confirm: { question: 'Revert the resize of server {server}? It goes back to its old flavor.', destructive: false },
    send: async ({ managers }, s) => void (await managers.servers.revertResize(s.id)),
    waited: (s, f) =>
      `Server ${s.name} (${s.id}): resize reverted, ${f?.status ?? 'ACTIVE'} on ${f?.flavor.name ?? f?.flavor.id ?? 'the old flavor'}.`,
  },
  {
    name: 'rebuild',
    label: 'Rebuild… (pick an image)',
    hotkey: 'e',
    summary: 'Rebuild a server from an image (its disk is replaced)',
    verb: 'rebuild',
    appliesTo: when(['ACTIVE', 'SHUTOFF', 'ERROR'], true),
    changesCloud: true,
    settle: until('ACTIVE', 'SHUTOFF'),
    form: 'rebuild',
    showsServer: true,
    positionals: [{ name: 'image', required: true, completer: 'image', help: 'The image to rebuild from' }],
    options: { name: { type: 'string', help: 'New name', valueName: 'NAME' } },
    examples: ['novash rebuild --wait vm1 tiny-image'],
    async send({ managers, input }, s) {
      const image = await managers.images.find(String(input.args.image));
      await managers.servers.rebuild(s.id, image.id, { name: str(input.options.name) });
    },
  },
  {
    name: 'backup',
    label: 'Backup…',
    hotkey: 'b',
    summary: 'Back up a server to an image; Nova keeps only the <rotation> newest backups of that type',
    verb: 'back up',
    makesImage: true,
    appliesTo: when(IMAGEABLE, true),
    changesCloud: true,
    settle: until(...IMAGEABLE),
    form: 'backup',
    positionals: [
      { name: 'name', required: true, help: 'Name of the backup image' },
      { name: 'backup-type', required: true, completer: ['daily', 'weekly'], help: 'daily, weekly, or any label' },
      { name: 'rotation', required: true, help: 'How many backups of this type to keep (>= 0)' },
    ],
    options: {
      meta: { type: 'string', multiple: true, help: 'Image metadata key=value (repeatable)', valueName: 'KEY=VALUE' },
      wait: { type: 'boolean', help: 'Wait until the backup image is active and rotation has run' },
    },
    examples: ['novash backup vm1 vm1-backup daily 2 --wait'],
    async send({ managers, input }, s) {
      const rotation = parseInteger(String(input.args.rotation), '<rotation>', 0)!;
      const type = String(input.args['backup-type']);
      const name = String(input.args.name);
      const metadata = parseKeyValues(input.options.meta as string[] | undefined, '--meta');
      const { imageId } = await managers.servers.backup(s.id, name, type, rotation, metadata);
      const what = `Backup '${name}' of server ${s.name}${imageId ? ` (image ${imageId})` : ''}`;
      const keeps =
        rotation === 0
          ? `rotation 0: Nova then deletes every ${type} backup of this server, this one included`
          : `Nova keeps the ${rotation} newest ${type} backup${rotation === 1 ? '' : 's'} of this server`;
      return { imageId, message: `${what} requested; ${keeps}.`, data: { imageId } };
    },
    async follow(ctx, s, answer) {
      const rotation = Number(ctx.input.args.rotation);
      const type = String(ctx.input.args['backup-type']);
      // Rotation 0 deletes every backup of the type, the new one included: there is no image to wait for.
      const { image } = await followSnapshot(ctx, s.id, rotation > 0 ? answer.imageId : undefined, `backup ${s.name}`);
      // Nova rotates after the upload: wait until it has, so what is reported is what Glance holds.
      let kept = await ctx.managers.images.backupsOf(s.id, type);
      for (let i = 0; i < 30 && kept.length > rotation; i++) {
        ctx.progress.update(`backup ${s.name}: rotating (${kept.length} ${type} backups, keeping ${rotation})`);
        await sleep(pollInterval(), ctx.signal);
        kept = await ctx.managers.images.backupsOf(s.id, type);
      }
      ctx.progress.done();
      if (!image)
        return {
          message: `Backup '${String(ctx.input.args.name)}' of server ${s.name} done; rotation 0 removed every ${type} backup.`,
          data: { imageId: answer.imageId },
        };
      return { image, data: { kept_backups: kept.map((k) => k.name) } };
    },
  },
  {
    name: 'image-create',
    label: 'Snapshot…',
    hotkey: 'n',
    summary: 'Snapshot a server to a new image',
    verb: 'snapshot',
    makesImage: true,
    appliesTo: when(IMAGEABLE, true),
    changesCloud: true,
    settle: until(...IMAGEABLE),
    form: 'snapshot',
    positionals: [{ name: 'name', required: true, help: 'Name of the new image' }],
    options: {
      metadata: { type: 'string', multiple: true, help: 'Image metadata key=value (repeatable)', valueName: 'KEY=VALUE' },
      wait: { type: 'boolean', help: 'Wait until the image is active' },
      show: { type: 'boolean', help: 'Show the image when done' },
    },
    examples: ['novash image-create --wait vm1 vm1-snap'],
    async send({ managers, input }, s) {
      const metadata = parseKeyValues(input.options.metadata as string[] | undefined, '--metadata');
      const name = String(input.args.name);
      const { imageId } = await managers.servers.createImage(s.id, name, metadata);
      if (imageId) managers.cache.add('image', [{ id: imageId, name }]);
      if (imageId && input.options.show && !input.options.wait) return { imageId, image: await managers.images.get(imageId) };
      return {
        imageId,
        message: `Snapshot '${name}' of server ${s.name} requested${imageId ? `: image ${imageId}` : ''}.`,
        data: { imageId },
      };
    },
    async follow(ctx, s, answer) {
      if (!answer.imageId)
        throw new UsageError('Nova did not say which image it is making (no image id in its answer); see novash image-list --server.');
      const { image } = await followSnapshot(ctx, s.id, answer.imageId, `snapshot ${s.name}`);
      return { image };
    },
  },
  {
    name: 'delete',
    label: 'Delete',
    hotkey: 'd',
    summary: 'Delete servers',
    verb: 'delete',
    many: true,
    appliesTo: {},
    changesCloud: true,
    settle: { gone: true },
    confirm: { question: 'Delete server {server}? This cannot be undone.', destructive: true },
    examples: ['novash delete vm1', 'novash delete --wait vm1 vm2'],
    send: async ({ managers }, s) => void (await managers.servers.delete(s.id)),
    waited: (s) => `Server ${s.name} (${s.id}) deleted.`,
  },
];
