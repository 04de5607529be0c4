/** Colours, honouring NO_COLOR (https://no-color.org): every colour goes through here. */
export const noColor = (): boolean => process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';

export function color(name: string | undefined): string | undefined {
  return noColor() ? undefined : name;
}

/** Row colour by server status, as k9s-style tools do: green good, yellow moving, red broken, grey off. */
export function statusColor(status: string | undefined): string | undefined {
  const s = (status ?? '').toUpperCase();
  if (s === 'ACTIVE' || s === 'AVAILABLE') return color('green');
  if (s === 'ERROR' || s === 'KILLED' || s === 'DELETED' || s === 'UNKNOWN') return color('red');
  if (s === 'SHUTOFF' || s === 'SUSPENDED' || s === 'PAUSED' || s === 'SHELVED' || s === 'SHELVED_OFFLOADED' || s === 'STOPPED')
    return color('gray');
  if (
    s === 'BUILD' ||
    s === 'REBOOT' ||
    s === 'HARD_REBOOT' ||
    s === 'RESIZE' ||
    s === 'VERIFY_RESIZE' ||
    s === 'REVERT_RESIZE' ||
    s === 'MIGRATING' ||
    s === 'REBUILD' ||
    s === 'QUEUED' ||
    s === 'SAVING' ||
    s === 'IMPORTING'
  )
    return color('yellow');
  return undefined;
}
