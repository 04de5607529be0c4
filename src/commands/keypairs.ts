import { readFileSync } from 'node:fs';
import { UsageError, describeError } from '../session/errors.js';
import type { CommandSpec } from './types.js';

const keypairListCommand: CommandSpec = {
  name: 'keypair-list',
  group: 'keypairs',
  summary: 'List your key pairs',
  positionals: [],
  options: {},
  mutating: false,
  examples: ['novash keypair-list'],
  async run(ctx) {
    const m = await ctx.managers();
    const kps = await m.keypairs.list();
    m.cache.replace(
      'keypair',
      kps.map((k) => ({ id: k.name, name: k.name })),
    );
    return { kind: 'table', columns: ['Name', 'Type', 'Fingerprint'], rows: kps.map((k) => [k.name, k.type, k.fingerprint]), data: kps };
  },
};

const keypairShowCommand: CommandSpec = {
  name: 'keypair-show',
  group: 'keypairs',
  summary: 'Show a key pair',
  positionals: [{ name: 'keypair', required: true, completer: 'keypair' }],
  options: {},
  mutating: false,
  async run(ctx, input) {
    const m = await ctx.managers();
    const k = await m.keypairs.get(String(input.args.keypair));
    return {
      kind: 'record',
      fields: [
        ['name', k.name],
        ['type', k.type],
        ['fingerprint', k.fingerprint],
        ['user_id', k.userId ?? null],
        ['created_at', k.createdAt ?? null],
        ['public_key', k.publicKey ?? null],
      ],
      data: k,
    };
  },
};

const keypairAddCommand: CommandSpec = {
  name: 'keypair-add',
  group: 'keypairs',
  summary: 'Import a public key as a key pair',
  positionals: [{ name: 'name', required: true }],
  options: {
    'pub-key': {
      type: 'string',
      required: true,
      help: 'Public key file to import (e.g. ~/.ssh/id_ed25519.pub)',
      valueName: 'FILE',
      completer: 'file',
    },
  },
  mutating: true,
  examples: ['novash keypair-add --pub-key ~/.ssh/id_ed25519.pub mykey'],
  async run(ctx, input) {
    const file = input.options['pub-key'] as string | undefined;
    if (!file) throw new UsageError('novash keypair-add: --pub-key FILE is required (novash never generates private keys for you).');
    let publicKey: string;
    try {
      publicKey = readFileSync(file, 'utf8').trim();
    } catch {
      throw new UsageError(`--pub-key: cannot read '${file}'.`);
    }
    if (!/^(ssh-|ecdsa-|sk-)/.test(publicKey))
      throw new UsageError(`--pub-key: '${file}' does not look like an SSH public key (expected ssh-ed25519/ssh-rsa/ecdsa-...).`);
    const m = await ctx.managers();
    const k = await m.keypairs.create(String(input.args.name), publicKey);
    m.cache.add('keypair', [{ id: k.name, name: k.name }]);
    return { kind: 'message', text: `Key pair ${k.name} imported (${k.fingerprint}).`, data: k };
  },
};

const keypairDeleteCommand: CommandSpec = {
  name: 'keypair-delete',
  group: 'keypairs',
  summary: 'Delete key pairs',
  positionals: [{ name: 'keypair', required: true, variadic: true, completer: 'keypair' }],
  options: {},
  mutating: true,
  async run(ctx, input) {
    const m = await ctx.managers();
    const lines: string[] = [];
    const errors: string[] = [];
    for (const name of input.args.keypair as string[]) {
      try {
        await m.keypairs.delete(name);
        m.cache.remove('keypair', [name]);
        lines.push(`Key pair ${name} deleted.`);
      } catch (err) {
        errors.push(`Cannot delete key pair '${name}': ${describeError(err)}`);
      }
    }
    return { kind: 'message', text: lines.join('\n'), errors, failed: errors.length > 0 };
  },
};

export const keypairCommands: CommandSpec[] = [keypairListCommand, keypairShowCommand, keypairAddCommand, keypairDeleteCommand];
