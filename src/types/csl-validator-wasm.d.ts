declare module 'csl-validator-wasm' {
  /** rnv's report on a CSL style: `/style.csl:line:column: error: message` lines, empty when valid. */
  export function validateStyle(style: string): Promise<string>;
}
