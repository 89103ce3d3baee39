/**
 * Site paths with Astro's `base` in front, so the site works under a sub-path (a GitHub Pages
 * project site). Every internal link goes through `url()`.
 */
import site from 'virtual:evidence-atlas/config';

/** `url('/studies/')` → `/evidence-atlas/studies/` when `base` is `/evidence-atlas`. */
export function url(path: string): string {
  return `${site.base}${path}`;
}
