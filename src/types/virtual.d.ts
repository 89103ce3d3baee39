declare module 'virtual:evidence-atlas/config' {
  const config: import('../integrations/site-config.ts').SiteConfig;
  export default config;
  /** The site's base path (also in the default export): what browser scripts import. */
  export const base: string;
}

declare module 'virtual:evidence-atlas/library' {
  /** Every entry of the library, as the CMS offers it (src/lib/cms/config.ts `cmsReferences`). */
  const references: readonly import('../lib/cms/config.ts').CmsReference[];
  export default references;
}
