import { useEffect, useSyncExternalStore } from 'react';
import type { FeedSnapshot, ServerFeed } from '../../src/app/serverFeed.js';

/**
 * The live server list: the feed does one full list (or takes over the one started with the
 * app), then a small `changes-since` request every few seconds, merging changed rows and dropping
 * DELETED ones. Screens re-render only when something actually changed.
 */
export function useServers(feed: ServerFeed): FeedSnapshot {
  // Subscribed first (effects run in order), so what start() hands over at once is drawn at once.
  const snapshot = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  useEffect(() => {
    feed.start();
  }, [feed]);
  return snapshot;
}
