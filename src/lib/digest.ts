/**
 * A digest of plain data, the same for the same data however its objects were built: keys are
 * sorted, dates are their instant. Anything a digest could not see into (a Map, a class instance,
 * a function) is refused, so a key built from data never silently leaves part of it out.
 */
import { createHash } from 'node:crypto';

function canonical(value: unknown, path: string): unknown {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Date) return { date: Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString() };
  if (Array.isArray(value)) return value.map((item, index) => canonical(item, `${path}[${index}]`) ?? null);
  const prototype: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (prototype === Object.prototype || prototype === null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, canonical(record[key], `${path}.${key}`)]),
    );
  }
  const kind = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
  throw new TypeError(`${path} is a ${kind}: a digest reads plain data only (objects, arrays, dates, text, numbers)`);
}

/** The SHA-256 of `value` as canonical JSON, in hex. */
export function dataDigest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(value, 'value')) ?? '')
    .digest('hex');
}
