/**
 * The names of the custom widgets the editors' CMS registers (src/scripts/admin.ts) and its
 * configuration uses (config.ts): a module of its own, so the browser bundle does not import the
 * configuration's Node-side code.
 */
export const cmsWidgets = { citekey: 'atlas-citekey', body: 'atlas-body' } as const;
