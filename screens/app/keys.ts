import type { Route } from './routes.js';

/** One key and what it does, for the footer and the `?` overlay. */
export interface KeyHelp {
  keys: string;
  help: string;
  /** Shown in the footer (the most useful few); every key is in the `?` overlay. */
  footer?: boolean;
  /** The footer's word for it. */
  short?: string;
}

export interface KeyContext {
  readOnly: boolean;
  isAdmin: boolean;
  depth: number;
  hasFilter: boolean;
}

const MOVE: KeyHelp[] = [
  { keys: 'j/k ↑/↓', help: 'move' },
  { keys: 'PgUp/PgDn', help: 'page up / down' },
  { keys: 'g/G', help: 'first / last' },
];

export function globalKeys(ctx: KeyContext): KeyHelp[] {
  return [
    { keys: ':', help: 'command prompt (every one-shot command, :servers, :flavors, :images, :keypairs, :limits)', footer: true, short: 'command' },
    ...(ctx.depth > 1 || ctx.hasFilter ? [{ keys: 'Esc', help: ctx.hasFilter ? 'clear the filter, then back' : 'back', footer: true, short: ctx.hasFilter ? 'clear filter' : 'back' }] : []),
    { keys: '?', help: 'this help', footer: true, short: 'help' },
    { keys: 'C', help: 'switch cloud (clouds.yaml)' },
    { keys: 'P', help: 'switch project' },
    { keys: 'q', help: 'quit', footer: true, short: 'quit' },
    { keys: 'Ctrl-C', help: 'quit' },
  ];
}

/** The keys of one screen. */
export function screenKeys(route: Route, ctx: KeyContext): KeyHelp[] {
  const rw = !ctx.readOnly;
  switch (route.screen) {
    case 'servers':
      return [
        { keys: 'Enter', help: 'open the server', footer: true, short: 'open' },
        ...(rw ? [{ keys: 'a', help: 'actions on the server (start, stop, reboot, resize, delete...)', footer: true, short: 'actions' }] : []),
        ...(rw ? [{ keys: 'n', help: 'boot a new server', footer: true, short: 'new' }] : []),
        { keys: '/', help: 'filter: text, or field:value (status:ACTIVE, name:, flavor:, image:, host:, ip:), !negates', footer: true, short: 'filter' },
        { keys: 's/S', help: 'sort by the next column / reverse the order', footer: true, short: 'sort' },
        ...(ctx.isAdmin ? [{ keys: 'A', help: 'all projects on / off (admin)', footer: true, short: 'all projects' }] : []),
        ...MOVE,
        { keys: 'Ctrl-R', help: 'full refresh (the list also refreshes itself every few seconds)' },
      ];
    case 'server':
      return [
        { keys: '1/2/3', help: 'details / instance actions / console log (Tab, ←/→ also switch)', footer: true, short: 'tabs' },
        ...(rw ? [{ keys: 'a', help: 'actions (start, stop, reboot, resize, rebuild, backup, snapshot, delete...)', footer: true, short: 'actions' }] : []),
        { keys: 'Ctrl-R', help: 'refresh (the console log too)', footer: true, short: 'refresh' },
        ...MOVE.map((k) => ({ ...k, help: k.help.replace('move', 'scroll') })),
      ];
    case 'flavors':
      return [
        { keys: 'Enter', help: 'flavor details, extra specs and the servers using it', footer: true, short: 'open' },
        { keys: '/', help: 'filter (text or field:value: name:, vcpus:, public:)', footer: true, short: 'filter' },
        { keys: 's/S', help: 'sort by the next column / reverse', footer: true, short: 'sort' },
        ...MOVE,
        { keys: 'Ctrl-R', help: 'refresh' },
      ];
    case 'flavor':
      return [
        { keys: 'Enter', help: 'open the selected server', footer: true, short: 'open server' },
        ...MOVE,
        { keys: 'Ctrl-R', help: 'refresh', footer: true, short: 'refresh' },
      ];
    case 'images':
      return [
        { keys: 'Enter', help: 'image details', footer: true, short: 'open' },
        { keys: '/', help: 'filter (text or field:value: status:, kind:backup, server:, visibility:)', footer: true, short: 'filter' },
        { keys: 's/S', help: 'sort by the next column / reverse', footer: true, short: 'sort' },
        ...MOVE,
        { keys: 'Ctrl-R', help: 'refresh' },
      ];
    case 'image':
      return [
        ...(route.screen === 'image' ? [{ keys: 'Enter', help: 'open the server of a backup / snapshot', footer: true, short: 'open server' }] : []),
        ...MOVE.map((k) => ({ ...k, help: k.help.replace('move', 'scroll') })),
        { keys: 'Ctrl-R', help: 'refresh', footer: true, short: 'refresh' },
      ];
    case 'keypairs':
      return [
        { keys: 'Enter', help: 'key pair details (public key)', footer: true, short: 'open' },
        { keys: '/', help: 'filter', footer: true, short: 'filter' },
        ...MOVE,
        { keys: 'Ctrl-R', help: 'refresh', footer: true, short: 'refresh' },
      ];
    case 'keypair':
      return [...MOVE.map((k) => ({ ...k, help: k.help.replace('move', 'scroll') }))];
    case 'limits':
      return [{ keys: 'Ctrl-R', help: 'refresh', footer: true, short: 'refresh' }];
    case 'result':
      return route.result.kind === 'table'
        ? [{ keys: '/', help: 'filter', footer: true, short: 'filter' }, ...MOVE]
        : MOVE.map((k) => ({ ...k, help: k.help.replace('move', 'scroll') }));
  }
}
