/**
 * An MDX body is content, not code. MDX would run any `import`, `export` or `{expression}` at
 * build time and put any element or attribute on the page, so a body may hold only what a
 * summary needs: Markdown, comments (`{/* … *\/}`), the site's own `<References />`, and the
 * HTML elements and attributes of GitHub's sanitising schema (`hast-util-sanitize`, the list
 * GitHub applies to READMEs), with links to web, mail or site addresses only. Everything else is
 * an error with its place, found before the build compiles anything.
 */
import { parse } from 'acorn';
import { defaultSchema } from 'hast-util-sanitize';
import type { Nodes } from 'mdast';
import { find, html } from 'property-information';
import { referenceListMarker } from '../../citations/handoff.ts';
import { positionAt, type Problem } from '../../problems.ts';
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

/**
 * Whether an expression's source holds nothing but comments (`{/* … *\/}`), which MDX compiles to
 * nothing: parsed as JavaScript, as MDX does, not matched as text.
 */
function onlyComments(value: string): boolean {
  try {
    return parse(value, { ecmaVersion: 'latest', sourceType: 'module' }).body.length === 0;
  } catch {
    return false;
  }
}

type JsxElement = Extract<Nodes, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }>;

/**
 * Where an attribute starts: its own position when the parser gives one (remark), else (Sätteri
 * places only the element) the first place in the element's opening tag where its name stands
 * after a space and before "=", a space, "/" or ">"; for an expression attribute, its "{".
 */
function attributeStart(
  source: string,
  element: JsxElement,
  attribute: JsxElement['attributes'][number],
): { line: number; column: number } | undefined {
  if (attribute.position) return attribute.position.start;
  const start = element.position?.start.offset;
  if (start === undefined) return undefined;
  const end = element.children[0]?.position?.start.offset ?? element.position?.end.offset ?? source.length;
  const tag = source.slice(start, end);
  let at = -1;
  if (attribute.type === 'mdxJsxExpressionAttribute') at = tag.indexOf('{');
  else {
    for (let from = tag.indexOf(attribute.name); from >= 0; from = tag.indexOf(attribute.name, from + 1)) {
      const before = tag[from - 1] ?? '';
      const after = tag[from + attribute.name.length] ?? '';
      if (/\s/.test(before) && /[\s=/>]/.test(after)) {
        at = from;
        break;
      }
    }
  }
  return at < 0 ? element.position?.start : positionAt(source, start + at);
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
      const { tree, error, source } = context.body(file);
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
            if (onlyComments(node.value)) break;
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
              const start = attributeStart(source, node, attribute) ?? { line: 0, column: 0 };
              const where = { file: frontmatter.file, line: start.line, column: start.column };
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
