/**
 * The evidence map's scale in global.css: in the light theme, the dark theme under the system
 * setting and the chosen dark theme, each step of 1, 2 and 3+ studies stands out from the next at
 * 3:1 or more (WCAG's contrast for graphics), every step's number is readable at 4.5:1, and 0 is
 * the page's background.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../src/styles/global.css', import.meta.url), 'utf8');

/** The custom properties declared in the first block that follows `selector`. */
function block(selector: string): Record<string, string> {
  const start = css.indexOf(selector);
  if (start === -1) throw new Error(`no ${selector} in global.css`);
  const open = css.indexOf('{', start);
  const body = css.slice(open + 1, css.indexOf('}', open));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((match) => [match[1], match[2]?.trim()]));
}

const light = block(':root {');
const themes = {
  light,
  'dark (system)': { ...light, ...block(":root:not([data-theme='light'])") },
  'dark (chosen)': { ...light, ...block(":root[data-theme='dark']") },
};

function resolve(theme: Record<string, string>, value: string): string {
  const reference = /^var\((--[\w-]+)\)$/.exec(value);
  return reference ? resolve(theme, theme[reference[1] ?? ''] ?? '') : value;
}

function luminance(hex: string): number {
  const digits = hex.replace('#', '');
  const channel = (at: number) => {
    const value = parseInt(digits.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

describe('the evidence map scale', () => {
  it.each(Object.entries(themes))('%s: steps apart at 3:1, numbers readable at 4.5:1', (_name, theme) => {
    const color = (name: string) => resolve(theme, theme[name] ?? '');
    const steps = [0, 1, 2, 3].map((step) => ({ bg: color(`--map-${step}-bg`), fg: color(`--map-${step}-fg`) }));
    for (const { bg, fg } of steps) {
      expect(bg).toMatch(/^#[0-9a-f]{6}$/i);
      expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
    }
    expect(steps[0]?.bg).toBe(color('--bg'));
    // Four steps cannot all be 3:1 apart (that needs 27:1, more than black on white); 0 is told
    // from 1 by its plain background and its unlinked number, and still differs.
    expect(contrast(steps[0]?.bg ?? '', steps[1]?.bg ?? '')).toBeGreaterThanOrEqual(1.4);
    expect(contrast(steps[1]?.bg ?? '', steps[2]?.bg ?? '')).toBeGreaterThanOrEqual(3);
    expect(contrast(steps[2]?.bg ?? '', steps[3]?.bg ?? '')).toBeGreaterThanOrEqual(3);
  });

  it('has the same dark colours whether the system or the reader chose dark', () => {
    expect(block(":root:not([data-theme='light'])")).toEqual(block(":root[data-theme='dark']"));
  });
});
