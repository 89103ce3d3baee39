declare module 'virtual:evidence-atlas/config' {
  const config: import('../integrations/site-config.ts').SiteConfig;
  export default config;
}
