import { createContext, useContext } from 'react';
import type { FormName } from '../../src/app/promptCommands.js';
import type { CommandSpec } from '../../src/commands/types.js';
import type { DeclaredResource } from '../../src/extensions/types.js';
import type { ServerFeed } from '../../src/app/serverFeed.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import type { SessionInfo } from '../../src/session/session.js';
import type { Route } from './routes.js';

export type Tone = 'info' | 'success' | 'error';

/** What every screen may ask of the app: data sources, navigation, overlays and messages. */
export interface AppApi {
  managers: Managers;
  feed: ServerFeed;
  info: SessionInfo;
  readOnly: boolean;
  isAdmin: boolean;
  navigate(route: Route): void;
  back(): void;
  /** The actions menu of a server (start, stop, reboot, ...). */
  openActions(server: Server): void;
  openForm(form: FormName, server?: Server): void;
  /** The `/` filter of the current list, on the status line. */
  openFilter(): void;
  notify(text: string, tone?: Tone): void;
  /** Remembered view state (cursor, scroll, tab) of a navigation entry. */
  viewStore: Map<string, unknown>;
  /** Last data of each list, shown at once when a screen comes back while it reloads. */
  dataCache: Map<string, unknown>;
  /** Bumped when the cloud changed under the lists (a form made an image): open screens reload. */
  dataEpoch: number;
  /** This cloud's table of commands: the built-in rows and what its extension files declare. */
  commands: readonly CommandSpec[];
  /** The resources its extension files declare (`:documents`). */
  resources: readonly DeclaredResource[];
}

export const AppContext = createContext<AppApi | null>(null);

export function useApp(): AppApi {
  const api = useContext(AppContext);
  if (!api) throw new Error('useApp outside the app');
  return api;
}

/** Props every screen gets from the app frame. */
export interface ScreenProps {
  width: number;
  height: number;
  /** Key of the navigation entry: screens remember their view state under it. */
  entryKey: number;
  filter: string;
}
