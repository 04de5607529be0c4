import type { Managers } from '../../src/managers/index.js';

/** Where the app goes when a form closes. */
export type FormOutcome = { kind: 'server'; serverId: string } | { kind: 'image'; imageId: string } | { kind: 'cancelled' };

/** What the app gives every form; it draws header and footer around it and suspends its own keys. */
export interface FormHostProps {
  managers: Managers;
  readOnly: boolean;
  width: number;
  height: number;
  onClose: (outcome: FormOutcome) => void;
  /** Milliseconds between progress polls (default NOVASH_POLL_MS, else 2000); tests make it short. */
  pollIntervalMs?: number;
  /** The clock for default names (tests pin it). */
  now?: () => Date;
}
