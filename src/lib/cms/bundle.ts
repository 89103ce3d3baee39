/**
 * The CMS's browser bundle: Decap CMS's prebuilt `dist/` from npm, served by the site from
 * `/admin/` and never from a CDN. `decap-cms.js` loads its chunks and WebAssembly from beside
 * itself, so those are copied too; source maps and the unprefixed `cms.js` copy are left out.
 */

export const cmsBundle = {
  /** The npm package whose `dist/` holds the bundle. */
  packageName: 'decap-cms',
  /** The script the admin page loads. */
  entry: 'decap-cms.js',
} as const;

/** Whether a file of the package's `dist/` belongs in `/admin/`. */
export function isBundleFile(name: string): boolean {
  return (
    name === cmsBundle.entry ||
    name === `${cmsBundle.entry}.LICENSE.txt` ||
    /^\d+\.decap-cms\.js$/.test(name) ||
    /^[0-9a-f]+\.wasm$/.test(name)
  );
}
