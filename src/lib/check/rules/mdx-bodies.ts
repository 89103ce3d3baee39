/**
 * An MDX body is content, not code. MDX would run any `import`, `export` or `{expression}` at
 * build time and put any element or attribute on the page, so a body may hold only what a
 * summary needs: Markdown, comments (`{/* … *\/}`), the site's own `<References />`, and the
 * HTML elements and attributes of GitHub's sanitising schema (`hast-util-sanitize`, the list
 * GitHub applies to READMEs), with links to web, mail or site addresses only. Everything else is
 * an error with its place, found before the build compiles anything.
 */
import { defaultSchema } from 'hast-util-sanitize';
import type { Nodes } from 'mdast';
import { find, html } from 'property-information';
import { referenceListMarker } from '../../citations/handoff.ts';
import type { Problem } from '../../problems.ts';
import type { Rule } from '../context.ts';
import { allFiles } from './shared.ts';

/** Elements a body may use: GitHub's list, and the ones a reading aid needs. */
const allowedTags = new Set([...(defaultSchema.tagNames ?? []), 'abbr', 'dfn', 'mark', 'figure', 'figcaption']);
/** Attributes set by the site itself, which a body must not set (they would clash with its anchors). */
const siteAttributes = new Set(['id', 'name']);
const protocols = defaultSchema.protocols ?? {};

function allowedAttribute(tag: string, property: string): boolean {
  const lists = [defaultSchema.attributes?.['*'] ?? [], defaultSchema.attributes?.[tag] ?? []];
  if (tag === 'abbr' || tag === 'dfn') lists.push(['title']);
  return lists.some((list) => list.some((entry) => (Array.isArray(entry) ? entry[0] : entry) === property));
}

/** The protocol of a URL, or undefined for a relative one (`/topics/`, `#ref`, `page.html`). */
function protocolOf(url: string): string | undefined {
  const colon = url.indexOf(':');
  const end = [url.indexOf('/'), url.indexOf('?'), url.indexOf('#')].filter((at) => at >= 0);
  if (colon < 0 || end.some((at) => at < colon)) return undefined;
  return url.slice(0, colon).toLowerCase().trim();
}

/** Why `url` may not be linked from `property`, or undefined when it may. */
export function unsafeUrl(url: string, property: 'href' | 'src' | 'cite' | 'longDesc'): string | undefined {
  const protocol = protocolOf(url.replace(/[\p{Cc}\s]/gu, ''));
  if (protocol === undefined) return undefined;
  const allowed = protocols[property] ?? ['http', 'https'];
  return allowed.includes(protocol)
    ? undefined
    : `a "${protocol}:" address cannot be linked: use ${allowed.map((each) => `${each}:`).join(', ')} or a site path`;
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

export const mdxBodies: Rule = {
  name: 'mdx-bodies',
  description:
    'Every body parses as MDX and holds only Markdown, comments, <References /> and safe HTML: no import, export, JavaScript expressions, unknown components, event attributes or unsafe links.',
  check: (context) => {
    const problems: Problem[] = [];
    for (const file of allFiles(context)) {
      const { frontmatter } = file;
      if (frontmatter.data === undefined) continue;
      const { tree, error } = context.body(file);
      const at = (node: Nodes | { position?: Nodes['position'] }) => ({
        file: frontmatter.file,
        line: node.position?.start.line ?? 0,
        column: node.position?.start.column ?? 0,
      });
      if (error) {
        problems.push({
          file: frontmatter.file,
          line: error.line,
          column: error.column,
          message: `MDX cannot read this: ${error.message}. Close the element or expression, or write a literal "<" or "{" as "\\<" or "\\{"`,
        });
        continue;
      }
      if (!tree) continue;
      walk(tree, (node) => {
        switch (node.type) {
          case 'mdxjsEsm':
            problems.push({
              ...at(node),
              message: 'import and export are not allowed in content: a body is text, not code; remove the line',
            });
            break;
          case 'mdxFlowExpression':
          case 'mdxTextExpression': {
            const program = (node.data as { estree?: { body: unknown[] } } | undefined)?.estree;
            if (program && program.body.length === 0) break;
            problems.push({
              ...at(node),
              message: `the expression {${node.value.length > 40 ? `${node.value.slice(0, 37)}…` : node.value}} would run as code: content may only hold comments in braces ({/* … */}); write a literal brace as "\\{"`,
            });
            break;
          }
          case 'mdxJsxFlowElement':
          case 'mdxJsxTextElement': {
            const name = node.name;
            if (name === referenceListMarker) {
              if (node.attributes.length > 0 || node.children.length > 0) {
                problems.push({
                  ...at(node),
                  message: `<${referenceListMarker} /> takes no attributes or content: the site fills in the list`,
                });
              }
              break;
            }
            if (name === null || !/^[a-z][a-z0-9]*$/.test(name) || !allowedTags.has(name)) {
              problems.push({
                ...at(node),
                message:
                  name === null
                    ? 'a fragment (<>…</>) is not content: remove the brackets'
                    : /^[a-z]/.test(name)
                      ? `<${name}> is not allowed in content: use Markdown, or one of ${[...allowedTags].sort().join(', ')}`
                      : `unknown component <${name}>: content can only place <${referenceListMarker} />`,
              });
              break;
            }
            for (const attribute of node.attributes) {
              const where = at(attribute);
              if (attribute.type === 'mdxJsxExpressionAttribute') {
                problems.push({
                  ...where,
                  message: `the attribute {${attribute.value}} on <${name}> would run as code: write attributes as name="value"`,
                });
                continue;
              }
              const property = find(html, attribute.name).property;
              if (attribute.value !== null && typeof attribute.value === 'object') {
                problems.push({
                  ...where,
                  message: `${attribute.name}={…} on <${name}> would run as code: write it as ${attribute.name}="value"`,
                });
              } else if (siteAttributes.has(property)) {
                problems.push({
                  ...where,
                  message: `${attribute.name} on <${name}> is set by the site: remove it (link to a heading by its text instead)`,
                });
              } else if (!allowedAttribute(name, property)) {
                problems.push({
                  ...where,
                  message: `${attribute.name} is not allowed on <${name}>${/^on/i.test(attribute.name) ? ': content cannot run script' : ''}; remove it`,
                });
              } else if (
                (property === 'href' || property === 'src' || property === 'cite' || property === 'longDesc') &&
                typeof attribute.value === 'string'
              ) {
                const unsafe = unsafeUrl(attribute.value, property);
                if (unsafe) problems.push({ ...where, message: `${attribute.name} on <${name}>: ${unsafe}` });
              }
            }
            break;
          }
          case 'link':
          case 'image':
          case 'definition': {
            const unsafe = unsafeUrl(node.url, node.type === 'image' ? 'src' : 'href');
            if (unsafe)
              problems.push({ ...at(node), message: `${node.type === 'image' ? 'image' : 'link'} ${unsafe}` });
            break;
          }
          default:
            break;
        }
      });
    }
    return problems;
  },
};
