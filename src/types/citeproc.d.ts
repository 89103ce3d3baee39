declare module 'citeproc' {
  /** citeproc-js, as much of it as Evidence Atlas uses. */
  const CSL: {
    Engine: new (
      sys: { retrieveLocale(lang: string): string | undefined; retrieveItem(id: string): unknown },
      style: string,
      lang?: string,
      forceLang?: boolean,
    ) => unknown;
  };
  export default CSL;
}
