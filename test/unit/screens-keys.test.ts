import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Key } from 'ink';
import { KeyDispatcher, type KeyOwner } from '../../screens/keys/dispatcher.js';
import { bindingFor, keymapDocs, runKeymap, type Keymap } from '../../screens/keys/keymap.js';
import { keyLabel, NO_KEY, pressOf, splitInput, type KeyPress } from '../../screens/keys/keyPress.js';
import { confirmAnswer } from '../../screens/widgets/ConfirmDialog.js';

const k = (over: Partial<Key> = {}): Key => ({ ...NO_KEY, ...over });
const names = (input: string, key: Key = k()) => splitInput(input, key).map((p) => p.name);

describe('keys: splitting what one terminal read held', () => {
  it('splits a paste or a fast burst into its keys, in order', () => {
    assert.deepEqual(names(':flavors\r'), [':', 'f', 'l', 'a', 'v', 'o', 'r', 's', 'enter']);
    assert.deepEqual(names('jq'), ['j', 'q']);
    assert.deepEqual(names('web-01\t\u007fx'), ['w', 'e', 'b', '-', '0', '1', 'tab', 'backspace', 'x']);
  });
  it('turns control characters inside a run into the keys they are (Ctrl-U, Ctrl-R, Backspace)', () => {
    const p = splitInput('a\u0015b\u0012\b', k());
    assert.deepEqual(
      p.map((x) => x.name),
      ['a', 'ctrl-u', 'b', 'ctrl-r', 'backspace'],
    );
    assert.equal(p[1]!.key.ctrl, true);
    assert.equal(p[1]!.input, 'u');
  });
  it('tells the forward Delete key (ESC [ 3 ~) from Backspace (DEL, BS): Ink reports both as delete', () => {
    const forward = splitInput('', k({ delete: true }), '\u001b[3~');
    assert.deepEqual(
      forward.map((p) => [p.name, p.key.delete, p.key.backspace]),
      [['delete', true, false]],
    );
    assert.deepEqual(
      splitInput('', k({ delete: true }), '\u001b[3;5~').map((p) => p.name),
      ['delete'],
    );
    const back = splitInput('', k({ delete: true }), '\u007f');
    assert.deepEqual(
      back.map((p) => [p.name, p.key.delete, p.key.backspace]),
      [['backspace', false, true]],
    );
    assert.deepEqual(
      splitInput('', k({ backspace: true }), '\b').map((p) => [p.name, p.key.backspace]),
      [['backspace', true]],
    );
    assert.deepEqual(
      splitInput('ab\u007f', k()).map((p) => [p.name, p.key.backspace]),
      [
        ['a', false],
        ['b', false],
        ['backspace', true],
      ],
    );
  });
  it('counts CR LF as one Enter, and a lone LF as Enter', () => {
    assert.deepEqual(names('a\r\nb\nc'), ['a', 'enter', 'b', 'enter', 'c']);
  });
  it('splits by code point: an emoji or a CJK character is one key', () => {
    const p = splitInput('é😀漢', k());
    assert.deepEqual(
      p.map((x) => x.input),
      ['é', '😀', '漢'],
    );
  });
  it('keeps a key Ink already decoded (arrows, Shift-Tab, Esc, Ctrl-C) as one press', () => {
    assert.deepEqual(names('', k({ upArrow: true })), ['up']);
    assert.deepEqual(names('', k({ tab: true, shift: true })), ['shift-tab']);
    assert.deepEqual(names('', k({ escape: true, meta: true })), ['esc']);
    assert.deepEqual(names('c', k({ ctrl: true })), ['ctrl-c']);
    assert.deepEqual(names('', k({ pageDown: true })), ['pagedown']);
  });
  it('gives back an Esc that Ink read together with the next key (Ink makes Alt-: or a bare : of it)', () => {
    assert.deepEqual(
      splitInput(':', k(), '\u001b:').map((p) => p.name),
      ['esc', ':'],
    );
    assert.deepEqual(
      splitInput('x', k({ meta: true }), '\u001bx').map((p) => p.name),
      ['esc', 'x'],
    );
    assert.deepEqual(
      splitInput('', k({ escape: true, meta: true }), '\u001b\u001b').map((p) => p.name),
      ['esc', 'esc'],
    );
    assert.deepEqual(
      splitInput('', k({ return: true, meta: true }), '\u001b\r').map((p) => p.name),
      ['esc', 'enter'],
    );
    // A real escape sequence stays one key.
    assert.deepEqual(
      splitInput('', k({ upArrow: true }), '\u001b[A').map((p) => p.name),
      ['up'],
    );
    assert.deepEqual(
      splitInput('', k({ escape: true, meta: true }), '\u001b').map((p) => p.name),
      ['esc'],
    );
  });
  it('drops a sequence Ink does not decode (it hands over its text without the ESC): bracketed paste markers, focus reports', () => {
    // What Ink gives for ESC[200~: input '[200~', no key flag set.
    assert.deepEqual(splitInput('[200~', k(), '\u001b[200~'), []);
    assert.deepEqual(splitInput('[201~', k(), '\u001b[201~'), []);
    assert.deepEqual(splitInput('[I', k(), '\u001b[I'), []);
    assert.deepEqual(splitInput('OM', k(), '\u001bOM'), []);
    // The same text typed as text is kept.
    assert.deepEqual(names('[200~'), ['[', '2', '0', '0', '~']);
  });
  it('marks capitals as shifted, names the space, writes labels for the footer', () => {
    const [A] = splitInput('A', k());
    assert.equal(A!.key.shift, true);
    assert.deepEqual(names(' '), ['space']);
    assert.equal(keyLabel('ctrl-r'), 'Ctrl-R');
    assert.equal(keyLabel('pagedown'), 'PgDn');
    assert.equal(keyLabel('q'), 'q');
  });
});

/** A dispatcher whose turns of the event loop the test runs by hand. */
function manual() {
  const turns: Array<() => void> = [];
  const d = new KeyDispatcher({ schedule: (run) => turns.push(run) });
  const flush = (max = 1000) => {
    for (let i = 0; i < max && turns.length; i++) turns.shift()!();
  };
  return { d, turns, flush };
}

function owner(layer: KeyOwner['layer'], log: string[], tag: string, over: Partial<KeyOwner> = {}): KeyOwner {
  return { layer, handle: (p) => void log.push(`${tag}:${p.input || p.name}`), ...over };
}

const keys = (s: string): KeyPress[] => splitInput(s, k());

describe('keys: the dispatcher', () => {
  it('hands out one key per turn, so what a key opened takes the next one', () => {
    const { d, turns, flush } = manual();
    const log: string[] = [];
    let prompt: (() => void) | undefined;
    d.register(
      owner('global', log, 'global', {
        handle: (p) => {
          log.push(`global:${p.name}`);
          // ':' opens a prompt (in the app: a state change that renders and registers it).
          if (p.name === ':') prompt = d.register(owner('overlay', log, 'prompt', { modal: true }));
        },
      }),
    );
    d.push(keys(':fl\r'));
    assert.equal(log.length, 0, 'nothing is handed out inside the read');
    assert.equal(turns.length, 1);
    flush();
    assert.deepEqual(log, ['global::', 'prompt:f', 'prompt:l', 'prompt:enter']);
    assert.ok(prompt);
  });

  it('falls through from the top owner to the next while they answer false; a modal owner stops it', () => {
    const { d, flush } = manual();
    const log: string[] = [];
    d.register(owner('global', log, 'global'));
    d.register(owner('screen', log, 'screen', { handle: (p) => (p.name === 'j' ? void log.push('screen:j') : false) }));
    d.push(keys('jq'));
    flush();
    assert.deepEqual(log, ['screen:j', 'global:q']);
    const off = d.register(owner('overlay', log, 'menu', { modal: true, handle: () => false }));
    d.push(keys('q'));
    flush();
    assert.deepEqual(log, ['screen:j', 'global:q'], 'nothing under a modal owner sees the key');
    off();
    d.push(keys('q'));
    flush();
    assert.deepEqual(log.at(-1), 'global:q');
  });

  it('a modal owner still lets the owners of its own layer (its children) have the key', () => {
    const { d, flush } = manual();
    const log: string[] = [];
    d.register(owner('global', log, 'global'));
    d.register(owner('overlay', log, 'scroll', { handle: (p) => (p.name === 'j' ? void log.push('scroll:j') : false) }));
    d.register(owner('overlay', log, 'help', { modal: true, handle: (p) => (p.name === 'esc' ? void log.push('help:esc') : false) }));
    d.push(keys('jq'));
    flush();
    assert.deepEqual(log, ['scroll:j']);
  });

  it('queues keys for an owner that is not ready, in order, and hands them over when it is', () => {
    const { d, flush } = manual();
    const log: string[] = [];
    let loaded = false;
    d.register(owner('overlay', log, 'form', { modal: true, ready: () => loaded }));
    d.push(keys('web'));
    flush();
    assert.deepEqual(log, []);
    assert.equal(d.pending(), 3, 'nothing dropped');
    loaded = true;
    d.wake();
    flush();
    assert.deepEqual(log, ['form:w', 'form:e', 'form:b']);
  });

  it('keys typed before the owner exists wait for it when the owner in front is not ready', () => {
    const { d, flush } = manual();
    const log: string[] = [];
    // A command in flight (the running overlay): not ready for anything; it will open a form.
    const running = d.register(owner('overlay', log, 'running', { modal: true, ready: () => false }));
    d.push(keys('vm1'));
    flush();
    running();
    d.register(owner('overlay', log, 'form', { modal: true }));
    flush();
    assert.deepEqual(log, ['form:v', 'form:m', 'form:1']);
  });

  it('an urgent key (Esc on a command in flight) is handled at once; the keys typed for what it cancels go', () => {
    const { d, flush } = manual();
    const log: string[] = [];
    d.register(owner('global', log, 'global'));
    let off: () => void = () => undefined;
    off = d.register(
      owner('overlay', log, 'running', {
        modal: true,
        ready: () => false,
        urgent: (p) => p.name === 'esc',
        handle: (p) => {
          log.push(`running:${p.name}`);
          off();
        },
      }),
    );
    d.push(keys('ab'));
    d.push([pressOf('esc')]);
    d.push(keys('q'));
    flush();
    assert.deepEqual(log, ['running:esc', 'global:q']);
  });

  it('Ctrl-C goes at once to the top owner that takes it, over modal owners and queued keys', () => {
    const { d, flush } = manual();
    const log: string[] = [];
    d.register(owner('global', log, 'global', { interrupt: () => log.push('quit') }));
    d.register(owner('overlay', log, 'form', { modal: true, ready: () => false }));
    d.push(keys('abc'));
    d.push([pressOf('ctrl-c')]);
    assert.deepEqual(log, ['quit']);
    flush();
    assert.equal(d.pending(), 0);
  });

  it('gives a text owner a run of printable keys as one press (a paste), and Enter on its own', () => {
    const { d, flush } = manual();
    const log: string[] = [];
    d.register(owner('overlay', log, 'field', { modal: true, text: () => true }));
    d.push(keys('hello world\rx'));
    flush();
    assert.deepEqual(log, ['field:hello world', 'field:enter', 'field:x']);
  });

  it('documents the owners keys reach, top first; a global key hidden by the screen is not repeated', () => {
    const { d } = manual();
    d.register({
      layer: 'global',
      handle: () => false,
      docs: () => [
        { label: '/', help: 'nothing to filter', names: ['/'] },
        { label: 'q', help: 'quit', footer: 'quit', names: ['q'] },
      ],
    });
    d.register({ layer: 'screen', handle: () => false, docs: () => [{ label: '/', help: 'filter', footer: 'filter', names: ['/'] }] });
    const r = d.reachable();
    assert.deepEqual(
      r.own.map((x) => x.help),
      ['filter'],
    );
    assert.deepEqual(
      r.global.map((x) => x.help),
      ['quit'],
    );
    d.register({ layer: 'overlay', modal: true, handle: () => undefined, docs: () => [{ label: 'Esc', help: 'close', footer: 'close' }] });
    assert.deepEqual(d.reachable(), { own: [{ label: 'Esc', help: 'close', footer: 'close' }], global: [] });
  });
});

describe('keys: keymaps as data', () => {
  type A = 'open' | 'actions' | 'all';
  const MAP: Keymap<A> = [
    { keys: ['enter'], help: 'open', footer: 'open', action: 'open' },
    { keys: ['a'], help: 'actions', footer: 'actions', action: 'actions', mutates: true },
    { keys: ['A'], help: 'all projects', action: 'all', refused: (c) => (c.isAdmin ? undefined : 'All projects is for admins only.') },
  ];
  const user = { readOnly: false, isAdmin: false };

  it('runs the action a key is bound to; other keys are not taken', () => {
    const ran: string[] = [];
    const actions = { open: () => void ran.push('open'), actions: () => void ran.push('actions') };
    assert.equal(
      runKeymap(MAP, actions, user, pressOf('enter'), () => undefined),
      true,
    );
    assert.equal(
      runKeymap(MAP, actions, user, pressOf('x'), () => undefined),
      false,
    );
    assert.deepEqual(ran, ['open']);
  });

  it('a missing action means the key does not apply here (hidden, falls through)', () => {
    assert.equal(bindingFor(MAP, { open: () => undefined }, user, 'a'), undefined);
    assert.deepEqual(
      keymapDocs(MAP, { open: () => undefined }, user).map((x) => x.label),
      ['Enter'],
    );
  });

  it('read-only hides what changes the cloud, and pressing it says why nothing happens', () => {
    const said: string[] = [];
    const actions = { open: () => undefined, actions: () => assert.fail('sent in read-only'), all: () => undefined };
    assert.equal(
      runKeymap(MAP, actions, { readOnly: true, isAdmin: false }, pressOf('a'), (w) => said.push(w)),
      true,
    );
    assert.deepEqual(said, ["Read-only mode (--read-only): 'a' changes the cloud and is disabled."]);
    assert.deepEqual(
      keymapDocs(MAP, actions, { readOnly: true, isAdmin: true }).map((x) => x.label),
      ['Enter', 'A'],
    );
  });

  it('a refused binding names its reason', () => {
    const said: string[] = [];
    runKeymap(MAP, { all: () => assert.fail('not for users') }, user, pressOf('A'), (w) => said.push(w));
    assert.deepEqual(said, ['All projects is for admins only.']);
  });
});

describe('keys: confirmations', () => {
  it('a destructive one takes only y; Enter, Esc, n and anything else mean no', () => {
    assert.equal(confirmAnswer(true, 'y'), 'yes');
    for (const n of ['enter', 'esc', 'n', 'd', 'space', 'down']) assert.equal(confirmAnswer(true, n), 'no', n);
  });
  it('the others take y or Enter for yes, n or Esc for no, and ignore the rest', () => {
    assert.equal(confirmAnswer(false, 'enter'), 'yes');
    assert.equal(confirmAnswer(false, 'esc'), 'no');
    assert.equal(confirmAnswer(false, 'j'), undefined);
  });
});
