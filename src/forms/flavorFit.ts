import type { Flavor, Image, Limits, ServerFlavorRef } from '../managers/types.js';

/**
 * Flavor fit, as Horizon's launch form checks it (DESIGN.md "Flavor fit"): a flavor is unusable,
 * with the reason shown, when count x vCPUs or count x RAM exceeds the remaining quota, when the
 * image's min_disk exceeds the flavor's disk (both > 0), or when the image's min_ram exceeds the
 * flavor's RAM. Pure functions: the forms show the reasons, nothing here talks to a cloud.
 */

export interface BootFitContext {
  /** How many servers will be booted (the count field); values < 1 count as 1. */
  count: number;
  limits?: Pick<Limits, 'cores' | 'ram'>;
  image?: Pick<Image, 'minDisk' | 'minRam' | 'name'>;
}

/** A quota's remaining amount as the forms say it. */
export function quotaLeft(n: number): string {
  return n === Infinity ? 'unlimited' : String(n);
}

/** The server's flavor with vCPUs, RAM and disk from the flavor list (before 2.47 a server names only the id). */
export function withFlavorDetails(ref: ServerFlavorRef, flavors: readonly Flavor[]): ServerFlavorRef {
  const f = ref.id ? flavors.find((x) => x.id === ref.id) : undefined;
  return f ? { ...ref, name: f.name, vcpus: f.vcpus, ram: f.ram, disk: f.disk } : ref;
}

function imageReasons(flavor: Pick<Flavor, 'disk' | 'ram'>, image?: Pick<Image, 'minDisk' | 'minRam'>): string[] {
  const out: string[] = [];
  if (!image) return out;
  if (image.minDisk > 0 && flavor.disk > 0 && image.minDisk > flavor.disk) {
    out.push(`disk ${flavor.disk} GB < image min_disk ${image.minDisk} GB`);
  }
  if (image.minRam > 0 && image.minRam > flavor.ram) {
    out.push(`RAM ${flavor.ram} MiB < image min_ram ${image.minRam} MiB`);
  }
  return out;
}

/** Every reason the flavor cannot be used to boot `count` servers of `image`; [] when it fits. */
export function bootFitReasons(flavor: Pick<Flavor, 'vcpus' | 'ram' | 'disk' | 'disabled'>, ctx: BootFitContext): string[] {
  const out: string[] = [];
  if (flavor.disabled) out.push('flavor is disabled');
  const count = Math.max(1, Math.floor(ctx.count) || 1);
  const cores = ctx.limits?.cores.remaining ?? Infinity;
  const ram = ctx.limits?.ram.remaining ?? Infinity;
  const times = count > 1 ? `${count} x ` : '';
  if (count * flavor.vcpus > cores) {
    out.push(`needs ${times}${flavor.vcpus} vCPU${count * flavor.vcpus === 1 ? '' : 's'}, quota has ${quotaLeft(cores)} left`);
  }
  if (count * flavor.ram > ram) {
    out.push(`needs ${times}${flavor.ram} MiB RAM, quota has ${quotaLeft(ram)} MiB left`);
  }
  out.push(...imageReasons(flavor, ctx.image));
  return out;
}

/** One line for a table row, or undefined when the flavor fits. */
export function bootFitReason(flavor: Pick<Flavor, 'vcpus' | 'ram' | 'disk' | 'disabled'>, ctx: BootFitContext): string | undefined {
  const r = bootFitReasons(flavor, ctx);
  return r.length ? r.join('; ') : undefined;
}

export interface ResizeFitContext {
  /** The server's flavor now (embedded from 2.47, else looked up by id). */
  current: ServerFlavorRef;
  limits?: Pick<Limits, 'cores' | 'ram'>;
  /** The server's image, when known (min_disk / min_ram still apply). */
  image?: Pick<Image, 'minDisk' | 'minRam'>;
}

/** Is this the flavor the server has now? By id before 2.47, by name (original_name) from 2.47. */
export function isCurrentFlavor(flavor: Pick<Flavor, 'id' | 'name'>, current: ServerFlavorRef): boolean {
  if (current.id !== undefined && current.id === flavor.id) return true;
  return current.id === undefined && current.name !== undefined && current.name === flavor.name;
}

/**
 * Resize fit: the same rules, with the quota counted on the growth only (a resize claims the
 * difference), plus what Nova refuses outright: the same flavor, and shrinking the root disk.
 */
export function resizeFitReasons(
  flavor: Pick<Flavor, 'id' | 'name' | 'vcpus' | 'ram' | 'disk' | 'disabled'>,
  ctx: ResizeFitContext,
): string[] {
  if (isCurrentFlavor(flavor, ctx.current)) return ['current flavor'];
  const out: string[] = [];
  if (flavor.disabled) out.push('flavor is disabled');
  const cores = ctx.limits?.cores.remaining ?? Infinity;
  const ram = ctx.limits?.ram.remaining ?? Infinity;
  const dCores = flavor.vcpus - (ctx.current.vcpus ?? 0);
  const dRam = flavor.ram - (ctx.current.ram ?? 0);
  if (dCores > 0 && dCores > cores) out.push(`needs ${dCores} more vCPU${dCores === 1 ? '' : 's'}, quota has ${quotaLeft(cores)} left`);
  if (dRam > 0 && dRam > ram) out.push(`needs ${dRam} MiB more RAM, quota has ${quotaLeft(ram)} MiB left`);
  const curDisk = ctx.current.disk;
  if (curDisk !== undefined && curDisk > 0) {
    if (flavor.disk === 0) out.push('root disk 0 GB: Nova does not resize to a zero-disk flavor');
    else if (flavor.disk < curDisk) out.push(`disk ${flavor.disk} GB < current ${curDisk} GB (disks cannot shrink)`);
  }
  out.push(...imageReasons(flavor, ctx.image));
  return out;
}

export function resizeFitReason(
  flavor: Pick<Flavor, 'id' | 'name' | 'vcpus' | 'ram' | 'disk' | 'disabled'>,
  ctx: ResizeFitContext,
): string | undefined {
  const r = resizeFitReasons(flavor, ctx);
  return r.length ? r.join('; ') : undefined;
}

/** Rebuild keeps the flavor: an image whose min_disk / min_ram exceed it cannot be used. */
export function rebuildImageReason(image: Pick<Image, 'minDisk' | 'minRam' | 'status'>, flavor: ServerFlavorRef): string | undefined {
  if (image.status !== 'active') return `image is ${image.status || 'not active'}`;
  const r = imageReasons({ disk: flavor.disk ?? 0, ram: flavor.ram ?? Infinity }, image);
  return r.length ? r.join('; ') : undefined;
}
