declare module 'virtual:evidence-atlas/config' {
  const config: import('../integration.ts').SiteConfig;
  export default config;
}
