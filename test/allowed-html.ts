/** A check of HTML against the CSL allow-list, read as a browser reads it. */
import type { Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { cslSchema } from '../src/lib/html.ts';

/**
 * What in `html` the CSL allow-list (`cslSchema`) does not allow: elements, attributes, attribute
 * values, and links to anything but http(s). Empty for sanitised CSL output.
 */
export function disallowedHtml(html: string): string[] {
  const tree = fromHtml(html, { fragment: true });
  const allowed = new Set(cslSchema.tagNames);
  const problems: string[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'element') {
      if (!allowed.has(node.tagName)) problems.push(`element <${node.tagName}>`);
      const rules = cslSchema.attributes?.[node.tagName] ?? [];
      for (const [name, value] of Object.entries(node.properties)) {
        const rule = rules.find((each) => (typeof each === 'string' ? each : each[0]) === name);
        if (rule === undefined) {
          problems.push(`attribute ${name} on <${node.tagName}>`);
          continue;
        }
        const values = typeof rule === 'string' ? undefined : rule.slice(1);
        for (const each of Array.isArray(value) ? value : [value]) {
          if (values && !values.includes(each as string))
            problems.push(`${name}="${String(each)}" on <${node.tagName}>`);
        }
        if (name === 'href') {
          const { protocol } = new URL(String(value), 'https://atlas.example/page/');
          if (protocol !== 'https:' && protocol !== 'http:') problems.push(`link to ${String(value)}`);
        }
      }
    }
    if ('children' in node) node.children.forEach(walk);
  };
  walk(tree);
  return problems;
}
