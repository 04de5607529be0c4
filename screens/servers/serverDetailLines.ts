import type { Server } from '../../src/managers/types.js';
import { age, mib } from '../format.js';
import { color, statusColor } from '../theme.js';
import type { Line } from '../widgets/ScrollText.js';
import { flavorText, imageText, powerText, type ServerNames } from './serverColumns.js';

function section(title: string): Line {
  return { text: title, bold: true, color: color('cyan') };
}

function field(name: string, value: string | number | boolean | null | undefined, width = 17): Line {
  return `  ${name.padEnd(width)} ${value === null || value === undefined || value === '' ? '-' : String(value)}`;
}

/** Every field of a server, grouped: fault, state, identity (description, security groups, tags), metadata, placement, flavor and image, addresses per network. */
export function serverDetailLines(s: Server, names: ServerNames, now = Date.now()): Line[] {
  const lines: Line[] = [];
  if (s.fault && (s.status === 'ERROR' || s.fault.code)) {
    lines.push({ text: `Fault ${s.fault.code}: ${s.fault.message}`, color: color('red'), bold: true });
    if (s.fault.created) lines.push({ text: `  at ${s.fault.created}`, color: color('red') });
    for (const d of (s.fault.details ?? '').split('\n').filter(Boolean).slice(0, 20)) lines.push({ text: `  ${d}`, color: color('red') });
    lines.push('');
  }
  lines.push(section('State'));
  lines.push({ text: `  ${'status'.padEnd(17)} ${s.status}`, color: statusColor(s.status) });
  lines.push(field('task state', s.taskState));
  lines.push(field('power state', powerText(s)));
  lines.push(field('vm state', s.vmState));
  if (s.progress) lines.push(field('progress', `${s.progress}%`));
  lines.push(field('locked', s.locked === undefined ? undefined : s.locked ? `yes${s.lockedReason ? ` (${s.lockedReason})` : ''}` : 'no'));
  lines.push(field('created', s.created ? `${s.created} (${age(s.created, now)} ago)` : ''));
  lines.push(field('updated', s.updated));
  lines.push(field('launched', s.launchedAt));
  lines.push('');
  // Where to reach it comes right after its state: the first thing an operator looks for.
  lines.push(section('Addresses'));
  if (!s.addresses.length) lines.push('  (none)');
  const byNet = new Map<string, string[]>();
  for (const a of s.addresses) {
    const extra = [a.type, `v${a.version}`, a.mac].filter(Boolean).join(', ');
    byNet.set(a.network, [...(byNet.get(a.network) ?? []), `${a.addr}${extra ? ` (${extra})` : ''}`]);
  }
  for (const [net, addrs] of byNet) {
    lines.push(`  ${net}`);
    for (const a of addrs) lines.push(`    ${a}`);
  }
  lines.push('');
  lines.push(section('Identity'));
  lines.push(field('id', s.id));
  lines.push(field('name', s.name));
  // From 2.19 every server has a description (null when none), from 2.26 its tags: shown even when empty.
  if (s.description !== undefined) lines.push(field('description', s.description));
  lines.push(field('project', s.tenantId));
  lines.push(field('user', s.userId));
  lines.push(field('key pair', s.keyName));
  lines.push(field('security groups', s.securityGroups.join(', ')));
  if (s.tags !== undefined) lines.push(field('tags', s.tags.join(', ')));
  // Right under the identity: what the m/M, t/T, e and D keys change is in sight.
  lines.push('');
  lines.push(section('Metadata'));
  const meta = Object.entries(s.metadata);
  if (!meta.length) lines.push('  (none)');
  for (const [k, v] of meta) lines.push(`  ${k} = ${v}`);
  lines.push('');
  lines.push(section('Placement'));
  lines.push(field('availability zone', s.availabilityZone));
  lines.push(field('host', s.host));
  if (s.hypervisorHostname) lines.push(field('hypervisor', s.hypervisorHostname));
  lines.push('');
  lines.push(section('Flavor and image'));
  const f = s.flavor;
  const fName = flavorText(s, names);
  const fSpec =
    f.vcpus !== undefined
      ? ` (${f.vcpus} vCPU, ${mib(f.ram ?? 0)} RAM, ${f.disk ?? 0} GB disk${f.ephemeral ? `, ${f.ephemeral} GB ephemeral` : ''}${f.swap ? `, ${mib(f.swap)} swap` : ''})`
      : '';
  lines.push(field('flavor', `${fName}${fSpec}`));
  if (f.extraSpecs && Object.keys(f.extraSpecs).length) {
    for (const [k, v] of Object.entries(f.extraSpecs)) lines.push(`    ${k}=${v}`);
  }
  lines.push(field('image', s.imageId ? `${imageText(s, names)} (${s.imageId})` : 'booted from volume'));
  if (s.volumesAttached.length) lines.push(field('volumes', s.volumesAttached.join(', ')));
  return lines;
}
