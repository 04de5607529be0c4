/** Small text formatters shared by the screens. */

/** "42s", "5m", "3h", "12d", "2y": how long ago an ISO time was. */
export function age(iso: string | undefined | null, now = Date.now()): string {
  if (!iso) return '';
  const t = Date.parse(iso.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  if (!Number.isFinite(t)) return '';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  if (s < 365 * 86400) return `${Math.floor(s / 86400)}d`;
  return `${Math.floor(s / (365 * 86400))}y`;
}

export function mib(n: number): string {
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} GiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} GiB`;
  return `${n} MiB`;
}

/** A used / max bar: `[#######.............]`; unlimited when max < 0. */
export function bar(used: number, max: number, width: number): string {
  const w = Math.max(4, width);
  if (max < 0) return '[' + '.'.repeat(w) + ']';
  const ratio = max === 0 ? (used > 0 ? 1 : 0) : Math.min(1, used / max);
  const filled = Math.round(ratio * w);
  return '[' + '#'.repeat(filled) + '.'.repeat(w - filled) + ']';
}

export function shortId(id: string | undefined): string {
  return id ? id.slice(0, 8) : '';
}

/** Fits text to a width, with an ellipsis when cut. */
export function clip(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length > width ? text.slice(0, Math.max(0, width - 1)) + '…' : text;
}
