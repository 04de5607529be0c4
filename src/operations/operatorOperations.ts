import type { OperationContext, ServerOperation } from './types.js';
import type { Settle, StateRule } from './states.js';

/**
 * The operator's server actions beyond power and images: shelve, rescue, cold migration. When
 * each applies follows Nova's check_instance_state rules (nova/compute/api.py); the admin-only
 * ones are refused by Nova's policy with its 403, shown as it is.
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const until = (...status: string[]): Settle => ({ status });
const when = (status: string[], idle = false): StateRule => ({ status, idle });

async function findImageId(ctx: OperationContext, ref: string | undefined): Promise<string | undefined> {
  return ref ? (await ctx.managers.images.find(ref)).id : undefined;
}

export const OPERATOR_OPERATIONS: ServerOperation[] = [
  {
    name: 'shelve',
    label: 'Shelve',
    hotkey: 'h',
    summary: 'Shelve servers (powered off, kept as an image; frees the host once offloaded)',
    verb: 'shelve',
    many: true,
    appliesTo: when(['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED'], true),
    changesCloud: true,
    settle: until('SHELVED', 'SHELVED_OFFLOADED'),
    confirm: { question: 'Shelve server {server}? It is powered off and kept as an image until unshelved.', destructive: false },
    send: async ({ managers }, s) => void (await managers.serverActions.shelve(s.id)),
  },
  {
    name: 'shelve-offload',
    label: 'Shelve offload',
    hotkey: 'O',
    summary: 'Remove a shelved server from its host (admin)',
    verb: 'offload',
    adminOnly: true,
    many: true,
    appliesTo: when(['SHELVED'], true),
    changesCloud: true,
    settle: until('SHELVED_OFFLOADED'),
    send: async ({ managers }, s) => void (await managers.serverActions.shelveOffload(s.id)),
  },
  {
    name: 'unshelve',
    label: 'Unshelve',
    hotkey: 'H',
    summary: 'Unshelve servers (boot them again from their shelved image)',
    verb: 'unshelve',
    many: true,
    appliesTo: when(['SHELVED', 'SHELVED_OFFLOADED'], true),
    changesCloud: true,
    settle: until('ACTIVE'),
    options: {
      'availability-zone': {
        type: 'string',
        help: 'Unshelve into this availability zone (compute API 2.77 or later)',
        valueName: 'ZONE',
        completer: 'zone',
      },
      host: { type: 'string', help: 'Unshelve onto this host (admin, compute API 2.91 or later)', valueName: 'HOST' },
    },
    examples: ['novash unshelve vm1', 'novash unshelve --availability-zone nova --wait vm1'],
    send: async ({ managers, input }, s) =>
      void (await managers.serverActions.unshelve(s.id, {
        availabilityZone: str(input.options['availability-zone']),
        host: str(input.options.host),
      })),
  },
  {
    name: 'rescue',
    label: 'Rescue',
    hotkey: 'x',
    summary: 'Boot a server from a rescue image, its own disk attached (then unrescue)',
    verb: 'rescue',
    appliesTo: when(['ACTIVE', 'SHUTOFF', 'ERROR'], true),
    changesCloud: true,
    settle: until('RESCUE'),
    confirm: { question: 'Rescue server {server}? It reboots from a rescue image with its disk attached.', destructive: false },
    options: {
      image: { type: 'string', help: "The rescue image (default: the server's own)", valueName: 'IMAGE', completer: 'image' },
      password: { type: 'string', help: 'The rescue admin password (default: Nova makes one and shows it)', valueName: 'PASSWORD' },
    },
    examples: ['novash rescue vm1', 'novash rescue --image cirros --wait vm1', 'novash unrescue vm1'],
    async send(ctx, s) {
      const imageId = await findImageId(ctx, str(ctx.input.options.image));
      const { adminPass } = await ctx.managers.serverActions.rescue(s.id, { imageId, adminPass: str(ctx.input.options.password) });
      // A password Nova made is shown once, as boot shows one; one given by the user is not echoed.
      const shown = adminPass && !ctx.input.options.password ? ` Its rescue password: ${adminPass}` : '';
      return { message: `Request to rescue server ${s.name} (${s.id}) has been accepted.${shown}` };
    },
  },
  {
    name: 'unrescue',
    label: 'Unrescue',
    hotkey: 'X',
    summary: 'Leave rescue mode (the server boots from its own disk again)',
    verb: 'unrescue',
    many: true,
    appliesTo: when(['RESCUE']),
    changesCloud: true,
    settle: until('ACTIVE'),
    send: async ({ managers }, s) => void (await managers.serverActions.unrescue(s.id)),
  },
  {
    name: 'migrate',
    label: 'Migrate (cold)',
    hotkey: 'm',
    summary: 'Cold-migrate a server to another host (admin); then resize-confirm or resize-revert',
    verb: 'migrate',
    adminOnly: true,
    appliesTo: when(['ACTIVE', 'SHUTOFF'], true),
    changesCloud: true,
    settle: until('VERIFY_RESIZE', 'ACTIVE', 'SHUTOFF'),
    confirm: { question: 'Cold-migrate server {server} to another host? It is stopped while it moves.', destructive: false },
    options: { host: { type: 'string', help: 'The target host (admin, compute API 2.56 or later)', valueName: 'HOST' } },
    examples: ['novash migrate --wait vm1', 'novash resize-confirm vm1'],
    send: async ({ managers, input }, s) => void (await managers.serverActions.migrate(s.id, { host: str(input.options.host) })),
    waited: (s, f) =>
      f?.status === 'VERIFY_RESIZE'
        ? `Server ${s.name} migrated and in VERIFY_RESIZE: run 'novash resize-confirm ${s.name}' or 'novash resize-revert ${s.name}'.`
        : `Server ${s.name} (${s.id}): migrate done, ${f?.status ?? 'ACTIVE'}.`,
  },
];
