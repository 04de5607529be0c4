import { buildBootBody, type BootRequest, type NetworkChoice } from '../managers/servers.js';
import type { ServerGroup } from '../managers/serverGroups.js';
import type { Flavor, Image, Limits, Network } from '../managers/types.js';
import { atLeast } from '../session/microversion.js';
import type { DraftError } from './errors.js';
import { bootFitReason } from './flavorFit.js';
import { metadataWords, parseMetadataText } from './metadata.js';
import { validateServerName } from './names.js';
import { novashCommand, refFor } from './commandLine.js';
import { kib, type UserDataCheck } from '../managers/userData.js';
import { autoNetworkPossible } from '../managers/networks.js';

/**
 * The boot form's draft: what the user typed and picked, step by step, and everything derived from
 * it without a cloud — validation messages naming the field, the BootRequest, the equivalent
 * one-shot `novash boot` command line. The form holds a draft; this file says what it means.
 */

/** auto / none need compute 2.37; `default` (no networks key) is what older clouds get. */
export type NetworkMode = 'auto' | 'none' | 'pick' | 'default';

export interface BootDraft {
  name: string;
  /** As typed: a whole number from 1 to the instances left in the quota. */
  count: string;
  /** '' lets Nova choose. */
  availabilityZone: string;
  imageId?: string;
  flavorId?: string;
  networkMode: NetworkMode;
  /** Neutron networks, in the order picked (mode `pick`). */
  networkIds: string[];
  /** '' for no key pair. */
  keyName: string;
  /** Empty: Nova applies the project's `default` group. */
  securityGroups: string[];
  /** '' for none; else the server group's id, sent as the scheduler hint `group` (as `boot --hint group=`). */
  serverGroupId: string;
  userDataPath: string;
  /** `key=value` pairs separated by spaces (shell-style quotes for spaces in values). */
  metadataText: string;
}

export const BOOT_STEPS = ['details', 'source', 'flavor', 'networks', 'keypair', 'security', 'group', 'config', 'review'] as const;
export type BootStep = (typeof BOOT_STEPS)[number];

export const BOOT_STEP_TITLES: Record<BootStep, string> = {
  details: 'Details',
  source: 'Source',
  flavor: 'Flavor',
  networks: 'Networks',
  keypair: 'Key pair',
  security: 'Security groups',
  group: 'Server group',
  config: 'Configuration',
  review: 'Review',
};

export interface FieldError extends DraftError {
  step: BootStep;
}

export interface BootContext {
  limits?: Limits;
  images: Image[];
  flavors: Flavor[];
  /** The compute microversion in use (auto / none need 2.37). */
  microversion?: string;
  networks?: Network[];
  /** The server groups the form offers (undefined: not loaded, or the cloud refused to list them). */
  serverGroups?: ServerGroup[];
  /** Neutron can allocate a network for `auto`; undefined when unknown (no network service). */
  autoAllocation?: boolean;
  /** The user-data file as last checked (checkUserDataFile); undefined when not checked yet. */
  userData?: UserDataCheck;
  /** clouds.yaml entry, for `--os-cloud` in the command line. */
  cloudName?: string;
}

export function emptyBootDraft(partial: Partial<BootDraft> = {}): BootDraft {
  return {
    name: '',
    count: '1',
    availabilityZone: '',
    networkMode: 'auto',
    networkIds: [],
    keyName: '',
    securityGroups: [],
    serverGroupId: '',
    userDataPath: '',
    metadataText: '',
    ...partial,
  };
}

/** Does the cloud take `networks: auto|none` (compute 2.37)? Unknown version: assume a modern one. */
export function supportsAutoNone(microversion?: string): boolean {
  return microversion === undefined || atLeast(microversion, '2.37');
}

export type CountParse = { ok: true; value: number } | { ok: false; message: string };

/** Count: a whole number from 1 to the instances left in the quota. */
export function parseCount(text: string, remaining: number = Infinity): CountParse {
  const t = text.trim();
  if (remaining < 1) return { ok: false, message: 'Count: the instance quota is used up (0 instances left); no server can be booted.' };
  const allowed =
    remaining === Infinity ? 'a whole number, 1 or more' : `a whole number from 1 to ${remaining} (instances left in the quota)`;
  if (!/^\d+$/.test(t)) return { ok: false, message: `Count must be ${allowed}; got ${t ? `'${t}'` : 'nothing'}.` };
  const n = Number(t);
  if (n < 1 || n > remaining) return { ok: false, message: `Count must be ${allowed}; got ${n}.` };
  return { ok: true, value: n };
}

/** The count for fit checks while the field is still being typed (1 when it is not a number yet). */
export function draftCount(draft: BootDraft): number {
  const n = Number(draft.count.trim());
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function selectedImage(draft: BootDraft, ctx: BootContext): Image | undefined {
  return draft.imageId ? ctx.images.find((i) => i.id === draft.imageId) : undefined;
}

export function selectedFlavor(draft: BootDraft, ctx: BootContext): Flavor | undefined {
  return draft.flavorId ? ctx.flavors.find((f) => f.id === draft.flavorId) : undefined;
}

/** Every problem of the draft, in step order; nothing is sent until this is empty. */
export function validateBoot(draft: BootDraft, ctx: BootContext): FieldError[] {
  const errors: FieldError[] = [];
  const nameError = validateServerName(draft.name);
  if (nameError) errors.push({ step: 'details', field: 'name', message: nameError });
  const count = parseCount(draft.count, ctx.limits?.instances.remaining);
  if (!count.ok) errors.push({ step: 'details', field: 'count', message: count.message });

  const image = selectedImage(draft, ctx);
  if (!draft.imageId) errors.push({ step: 'source', field: 'image', message: 'Source: pick an image.' });
  else if (!image)
    errors.push({
      step: 'source',
      field: 'image',
      message: `Source: image ${draft.imageId} is not in the image list any more; pick another.`,
    });
  else if (image.status !== 'active')
    errors.push({
      step: 'source',
      field: 'image',
      message: `Source: image ${image.name} is ${image.status}; only active images can boot.`,
    });

  const flavor = selectedFlavor(draft, ctx);
  if (!draft.flavorId) errors.push({ step: 'flavor', field: 'flavor', message: 'Flavor: pick a flavor.' });
  else if (!flavor)
    errors.push({
      step: 'flavor',
      field: 'flavor',
      message: `Flavor: flavor ${draft.flavorId} is not in the flavor list any more; pick another.`,
    });
  else {
    const reason = bootFitReason(flavor, { count: count.ok ? count.value : draftCount(draft), limits: ctx.limits, image });
    if (reason) errors.push({ step: 'flavor', field: 'flavor', message: `Flavor: ${flavor.name} does not fit: ${reason}.` });
  }

  if (draft.networkMode === 'pick' && draft.networkIds.length === 0) {
    errors.push({ step: 'networks', field: 'networks', message: 'Networks: pick at least one network, or choose auto or none.' });
  }
  if ((draft.networkMode === 'auto' || draft.networkMode === 'none') && !supportsAutoNone(ctx.microversion)) {
    errors.push({
      step: 'networks',
      field: 'networks',
      message: `Networks: ${draft.networkMode} needs compute API 2.37 or later (in use: ${ctx.microversion}); pick networks or leave the default.`,
    });
  }

  if (
    draft.networkMode === 'auto' &&
    ctx.networks &&
    ctx.autoAllocation !== undefined &&
    !autoNetworkPossible(ctx.networks, ctx.autoAllocation)
  ) {
    errors.push({
      step: 'networks',
      field: 'networks',
      message:
        'Networks: auto needs a network, and this project sees none that the cloud could use or allocate; choose none (no networking) or create a network first.',
    });
  }

  if (draft.serverGroupId && ctx.serverGroups && !ctx.serverGroups.some((g) => g.id === draft.serverGroupId))
    errors.push({
      step: 'group',
      field: 'group',
      message: `Server group: group ${draft.serverGroupId} is not in the server group list any more; pick another, or none.`,
    });

  if (ctx.userData && !ctx.userData.ok) errors.push({ step: 'config', field: 'userData', message: ctx.userData.message });
  const meta = parseMetadataText(draft.metadataText);
  if (!meta.ok) errors.push({ step: 'config', field: 'metadata', message: meta.message });
  return errors;
}

function networkChoice(draft: BootDraft): NetworkChoice | undefined {
  if (draft.networkMode === 'pick') return draft.networkIds.map((uuid) => ({ uuid }));
  if (draft.networkMode === 'default') return undefined;
  return draft.networkMode;
}

/** The request the form sends (call only with a valid draft; userData read at submit). */
export function draftToBootRequest(draft: BootDraft, userData?: Buffer): BootRequest {
  const count = Number(draft.count.trim());
  const meta = parseMetadataText(draft.metadataText);
  const req: BootRequest = {
    name: draft.name,
    imageId: draft.imageId,
    flavorId: draft.flavorId ?? '',
  };
  const networks = networkChoice(draft);
  if (networks !== undefined) req.networks = networks;
  if (draft.keyName) req.keyName = draft.keyName;
  if (draft.securityGroups.length) req.securityGroups = [...draft.securityGroups];
  if (draft.availabilityZone) req.availabilityZone = draft.availabilityZone;
  if (draft.serverGroupId) req.schedulerHints = { group: draft.serverGroupId };
  if (meta.ok && Object.keys(meta.metadata).length) req.metadata = meta.metadata;
  if (userData) req.userData = userData;
  if (Number.isInteger(count) && count > 1) {
    req.minCount = count;
    req.maxCount = count;
  }
  return req;
}

/** The one-shot command that does what the form will do, quoted for a POSIX shell. */
export function bootCommandLine(draft: BootDraft, ctx: BootContext): string {
  const o: Array<[string] | [string, string]> = [];
  if (draft.imageId) o.push(['--image', refFor(ctx.images, draft.imageId)]);
  if (draft.flavorId) o.push(['--flavor', refFor(ctx.flavors, draft.flavorId)]);
  if (draft.networkMode === 'auto' || draft.networkMode === 'none') o.push(['--nic', draft.networkMode]);
  else if (draft.networkMode === 'pick') for (const id of draft.networkIds) o.push(['--nic', `net-id=${id}`]);
  if (draft.keyName) o.push(['--key-name', draft.keyName]);
  if (draft.securityGroups.length) o.push(['--security-groups', draft.securityGroups.join(',')]);
  if (draft.serverGroupId) o.push(['--hint', `group=${refFor(ctx.serverGroups ?? [], draft.serverGroupId)}`]);
  if (draft.userDataPath.trim()) o.push(['--user-data', draft.userDataPath.trim()]);
  if (draft.availabilityZone) o.push(['--availability-zone', draft.availabilityZone]);
  const meta = parseMetadataText(draft.metadataText);
  if (meta.ok) for (const w of metadataWords(meta.metadata)) o.push(['--meta', w]);
  const count = draft.count.trim();
  if (/^\d+$/.test(count) && Number(count) > 1) o.push(['--min-count', String(Number(count))], ['--max-count', String(Number(count))]);
  o.push(['--wait']);
  return novashCommand(ctx.cloudName, 'boot', o, [draft.name]);
}

/** Review lines: each key of the POST /servers body, as it will be sent (user data summarised). */
export function reviewLines(draft: BootDraft, ctx: BootContext): Array<[string, string]> {
  const image = selectedImage(draft, ctx);
  const flavor = selectedFlavor(draft, ctx);
  const lines: Array<[string, string]> = [];
  lines.push(['name', draft.name]);
  lines.push(['imageRef', image ? `${image.id} (${image.name})` : (draft.imageId ?? '(none)')]);
  lines.push([
    'flavorRef',
    flavor
      ? `${flavor.id} (${flavor.name}: ${flavor.vcpus} vCPU, ${flavor.ram} MiB RAM, ${flavor.disk} GB disk)`
      : (draft.flavorId ?? '(none)'),
  ]);
  const count = draft.count.trim();
  if (count !== '1') lines.push(['min_count/max_count', `${count} (all or nothing)`]);
  if (draft.networkMode === 'pick') {
    const names = draft.networkIds.map((id) => {
      const n = ctx.networks?.find((x) => x.id === id);
      return n ? `${n.name} (${id})` : id;
    });
    lines.push(['networks', names.join(', ')]);
  } else if (draft.networkMode === 'default') lines.push(['networks', '(not sent: Nova decides)']);
  else lines.push(['networks', draft.networkMode]);
  lines.push(['key_name', draft.keyName || '(none)']);
  lines.push(['security_groups', draft.securityGroups.length ? draft.securityGroups.join(', ') : '(not sent: the project default group)']);
  lines.push(['availability_zone', draft.availabilityZone || '(not sent: Nova chooses)']);
  const group = draft.serverGroupId ? ctx.serverGroups?.find((g) => g.id === draft.serverGroupId) : undefined;
  lines.push([
    'os:scheduler_hints',
    draft.serverGroupId ? `group=${draft.serverGroupId}${group ? ` (${group.name}, ${group.policy || 'no policy'})` : ''}` : '(none)',
  ]);
  const ud = ctx.userData;
  lines.push([
    'user_data',
    draft.userDataPath.trim()
      ? `${draft.userDataPath.trim()}${ud?.ok && ud.path ? ` (${kib(ud.bytes)}, sent base64-encoded)` : ''}`
      : '(none)',
  ]);
  const meta = parseMetadataText(draft.metadataText);
  lines.push([
    'metadata',
    meta.ok ? (Object.keys(meta.metadata).length ? metadataWords(meta.metadata).join(' ') : '(none)') : draft.metadataText,
  ]);
  return lines;
}

/** The exact JSON body (user data left out: it is read from the file at submit). */
export function previewBootBody(draft: BootDraft, microversion: string): Record<string, unknown> {
  return buildBootBody(draftToBootRequest(draft), microversion);
}
