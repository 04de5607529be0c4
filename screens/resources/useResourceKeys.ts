import type { Key } from 'ink';
import { useKeyOwner } from '../keys/KeyboardProvider.js';

/**
 * The resource screens' keys through the app's key layer: `handler` returning false lets the key
 * go on to the owner below (the app's global keys); anything else means it was taken.
 */
export function useResourceKeys(
  handler: (input: string, key: Key) => boolean | void,
  options: { isActive?: boolean; modal?: boolean; text?: () => boolean } = {},
): void {
  useKeyOwner((p) => handler(p.input, p.key), { active: options.isActive !== false, modal: options.modal, text: options.text });
}
