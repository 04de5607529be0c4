import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { FieldError } from '../managers/fieldError.js';
import { UsageError, describeError } from '../session/errors.js';
import { atLeast } from '../session/microversion.js';
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
  summary: 'Import a public key as a key pair (keypair-create makes a new one)',
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
    // Required in the spec: parse() refuses a missing --pub-key (keypair-create makes a new key pair).
    const file = String(input.options['pub-key']);
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

/** Where keypair-create writes the private key when not told: ~/.ssh/NAME, as ssh-keygen users keep keys. */
export function defaultPrivateKeyFile(name: string, home = homedir()): string {
  if (name.includes('/') || name.startsWith('.'))
    throw new UsageError(`keypair-create: '${name}' cannot name a file in ~/.ssh; give --private-key-file FILE.`);
  return join(home, '.ssh', name);
}

/** ~/.ssh as ssh itself wants it: made 0700 when missing (an existing one is left as it is). */
function ensureSshDir(file: string): void {
  const dir = dirname(file);
  if (existsSync(dir)) return;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new UsageError(`keypair-create: cannot create ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
}

const keypairCreateCommand: CommandSpec = {
  name: 'keypair-create',
  group: 'keypairs',
  summary: 'Make a new key pair: the private key is written to a file (0600), never shown unless asked',
  positionals: [{ name: 'name', required: true, help: 'Name of the new key pair' }],
  options: {
    'private-key-file': {
      type: 'string',
      help: 'Where to write the private key (mode 0600; an existing file is never overwritten). Default: ~/.ssh/NAME',
      valueName: 'FILE',
      completer: 'file',
    },
    'key-type': {
      type: 'string',
      help: "Nova's key pair type: ssh (default) or x509 (compute API 2.2 and later)",
      valueName: 'TYPE',
      completer: ['ssh', 'x509'],
    },
    'print-private-key': {
      type: 'boolean',
      help: 'Print the private key on stdout and write no file (unless --private-key-file is given too)',
    },
  },
  mutating: true,
  examples: [
    'novash keypair-create laptop                                  # writes ~/.ssh/laptop',
    'novash keypair-create ci --private-key-file ./ci_key',
    'novash keypair-create tmp --print-private-key > tmp.pem',
  ],
  async run(ctx, input) {
    const o = input.options;
    const name = String(input.args.name);
    const type = o['key-type'] as string | undefined;
    if (type !== undefined && type !== 'ssh' && type !== 'x509') throw new UsageError(`--key-type '${type}' is not one of ssh, x509.`);
    const print = o['print-private-key'] === true;
    const given = o['private-key-file'] as string | undefined;
    const file = given ?? (print ? undefined : defaultPrivateKeyFile(name));
    if (file !== undefined && given === undefined) ensureSshDir(file);
    if (file !== undefined && existsSync(file))
      throw new UsageError(`The private key file ${file} exists already; it is never overwritten (choose another path or remove it).`);
    const m = await ctx.managers();
    const mv = await m.session.computeMicroversion();
    if (type !== undefined && !atLeast(mv, '2.2'))
      throw new UsageError(`--key-type needs compute API version 2.2 or later (in use: ${mv}).`);
    // From 2.92 Nova makes no key pairs: novash makes an SSH key, and cannot make an x509 certificate.
    if (type === 'x509' && atLeast(mv, '2.92'))
      throw new UsageError(
        `--key-type x509: from compute API 2.92 (in use: ${mv}) Nova no longer generates key pairs, and novash makes SSH keys only; import a certificate with keypair-add --pub-key FILE.`,
      );
    let made;
    try {
      made = await m.keypairs.generate(name, { privateKeyFile: file, type });
    } catch (err) {
      if (err instanceof FieldError)
        throw err.as(err.field === 'privateKeyFile' ? `--private-key-file ${file}` : err.field === 'name' ? '<name>' : err.field);
      throw err;
    }
    m.cache.add('keypair', [{ id: made.keypair.name, name: made.keypair.name }]);
    const k = made.keypair;
    const data = { ...k, privateKeyFile: made.privateKeyFile ?? null, generatedBy: made.generatedBy };
    if (print) {
      const secret = made.privateKey ?? (made.privateKeyFile ? readFileSync(made.privateKeyFile, 'utf8') : '');
      ctx.progress.done(
        `Key pair ${k.name} created (${k.fingerprint})${made.privateKeyFile ? `; private key written to ${made.privateKeyFile}` : ''}.`,
      );
      return { kind: 'text', text: secret };
    }
    return {
      kind: 'record',
      fields: [
        ['name', k.name],
        ['type', k.type],
        ['fingerprint', k.fingerprint],
        ['private_key_file', made.privateKeyFile ?? null],
        ['generated_by', made.generatedBy],
        ['public_key', k.publicKey ?? null],
      ],
      data,
    };
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

export const keypairCommands: CommandSpec[] = [
  keypairListCommand,
  keypairShowCommand,
  keypairAddCommand,
  keypairCreateCommand,
  keypairDeleteCommand,
];
