/**
 * novaclient's human_id: NFKD folded to ASCII, characters other than word characters,
 * spaces and hyphens removed, trimmed, lower-cased, runs of spaces/hyphens turned into one '-'.
 */
export function slugify(name: string | null | undefined): string | undefined {
  if (name == null) return undefined;
  const ascii = name.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  const cleaned = ascii
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase();
  const slug = cleaned.replace(/[-\s]+/g, '-');
  return slug || undefined;
}
