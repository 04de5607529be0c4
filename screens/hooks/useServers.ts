import { useEffect, useSyncExternalStore } from 'react';
import type { FeedSnapshot, ServerFeed } from '../../src/app/serverFeed.js';

/**
 * The live server list: the feed does one full list, then a small `changes-since` request every
 * few seconds, merging changed rows and dropping DELETED ones. Screens re-render only when
 * something actually changed.
 */
export function useServers(feed: ServerFeed): FeedSnapshot {
  useEffect(() => {
    feed.start();
  }, [feed]);
  return useSyncExternalStore(feed.subscribe, feed.getSnapshot);
}
