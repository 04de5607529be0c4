import { openDebugLog } from '../util/debugLog.js';
import { join } from 'node:path';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { createManagers } from '../commands/context.js';
import type { OptionValues } from '../commands/types.js';
import type { Managers } from '../managers/index.js';
import { stateDirs } from '../util/paths.js';
import { traceStart } from '../util/startTrace.js';
import { LIST_DEADLINE_MS, primeServerList } from './serverList.js';
import { FIRST_PAGE } from './serverFeed.js';

/** Builds the managers of one cloud; a missing secret is asked for through `promptSecret`. */
export type Connect = (globals: OptionValues, promptSecret: (question: string) => Promise<string>) => Managers;

export interface EarlyStart {
  /** The app's connect: the managers made at start-up for the start-up options, fresh ones for any other. */
  connect: Connect;
  /** Resolves once the first servers request is on the wire (or soon, whatever happens). */
  sent: Promise<void>;
}

/** --debug in the app: request logs go to a file (0600 in a 0700 directory, rotated), not over the screen. */
export function debugSink(globals: OptionValues): ((line: string) => void) | undefined {
  if (globals.debug !== true) return undefined;
  const file = join(stateDirs().cache, 'debug.log');
  let sink: (line: string) => void;
  try {
    sink = openDebugLog(file);
  } catch {
    return undefined;
  }
  process.stderr.write(`novash: --debug: the app logs requests to ${file} (0600, rotated at 5 MiB)\n`);
  return sink;
}

/** Resolves when the next HTTP request has been written out, or after `capMs` at most. */
function nextRequestSent(capMs: number): Promise<void> {
  return new Promise((resolve) => {
    const channel = 'http.client.request.start';
    const done = () => {
      traceStart('request-sent');
      clearTimeout(timer);
      unsubscribe(channel, onStart);
      resolve();
    };
    const onStart = (message: unknown) => {
      const request = (message as { request?: ClientRequest }).request;
      if (request) request.once('finish', done);
      else done();
    };
    const timer = setTimeout(done, capMs);
    subscribe(channel, onStart);
  });
}

/**
 * The app's start before any screen code is loaded: the managers for the start-up options, and the
 * first servers list already asked for, so Nova answers while Ink and React load. A secret that
 * the login needs waits for the app's prompt (the first connect hands it over).
 */
export function startEarly(globals: OptionValues): EarlyStart {
  const debug = debugSink(globals);
  let ask: ((question: string) => Promise<string>) | undefined;
  const waiting: Array<{ question: string; resolve: (v: string) => void; reject: (e: unknown) => void }> = [];
  const promptSecret = (question: string) =>
    ask ? ask(question) : new Promise<string>((resolve, reject) => waiting.push({ question, resolve, reject }));
  let early: Managers | undefined;
  try {
    early = createManagers(globals, { promptSecret, debug });
  } catch {
    // A config error: the app's own connect reports it.
    early = undefined;
  }
  traceStart('app-start');
  const sent = early ? nextRequestSent(150) : Promise.resolve();
  // The first page fills the screen and no more: Nova answers a short page sooner.
  const firstPageSize = Math.max(20, Math.min(FIRST_PAGE, process.stdout.rows || FIRST_PAGE));
  if (early) primeServerList(early, { firstPageSize, deadlineMs: LIST_DEADLINE_MS });
  const connect: Connect = (g, appPrompt) => {
    if (early && g === globals) {
      const managers = early;
      early = undefined;
      ask = appPrompt;
      for (const w of waiting.splice(0)) appPrompt(w.question).then(w.resolve, w.reject);
      return managers;
    }
    return createManagers(g, { promptSecret: appPrompt, debug });
  };
  return { connect, sent };
}
