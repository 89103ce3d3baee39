/**
 * The comments of src/lib/schema.ts, by field path. The schemas' JSDoc comments are the
 * documentation of the frontmatter (STYLE.md), so the CMS form shows them as its hints: read from
 * the source with TypeScript's parser at build time, never copied, so a hint cannot drift from its
 * field. Paths are dotted from a schema (`studySchema.n.randomized`,
 * `topicSchema.findings.statement.effect`); a field whose value is another schema of the file
 * (`n: sampleSchema.default({})`) takes that schema's fields.
 */
import ts from 'typescript';

/** The comment of every field of every `z.object` schema declared at the top of `source`. */
export function schemaComments(source: string): Map<string, string> {
  const file = ts.createSourceFile('schema.ts', source, ts.ScriptTarget.Latest, true);
  const declarations = new Map<string, ts.Expression>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) {
        declarations.set(declaration.name.text, declaration.initializer);
      }
    }
  }
  const comments = new Map<string, string>();
  const visit = (expression: ts.Node, path: string, seen: ReadonlySet<string>) => {
    const shape = objectShape(expression, declarations, seen);
    if (!shape) return;
    for (const property of shape.literal.properties) {
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
      if (!ts.isIdentifier(property.name)) continue;
      const name = property.name.text;
      const comment = jsDocText(property);
      if (comment) comments.set(`${path}.${name}`, comment);
      if (ts.isPropertyAssignment(property)) visit(property.initializer, `${path}.${name}`, shape.seen);
    }
  };
  for (const [name, initializer] of declarations) {
    if (objectShape(initializer, declarations, new Set())) visit(initializer, name, new Set([name]));
  }
  return comments;
}

/** The first `z.object({…})` literal reached from `node`, following identifiers of other schemas. */
function objectShape(
  node: ts.Node,
  declarations: ReadonlyMap<string, ts.Expression>,
  seen: ReadonlySet<string>,
): { literal: ts.ObjectLiteralExpression; seen: ReadonlySet<string> } | undefined {
  if (ts.isIdentifier(node)) {
    const target = declarations.get(node.text);
    if (!target || seen.has(node.text)) return undefined;
    return objectShape(target, declarations, new Set([...seen, node.text]));
  }
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'z' &&
      callee.name.text === 'object'
    ) {
      const [argument] = node.arguments;
      return argument && ts.isObjectLiteralExpression(argument) ? { literal: argument, seen } : undefined;
    }
    // `.optional()`, `.default(…)`, `.strict()` on a schema; `z.array(schema)`.
    if (ts.isPropertyAccessExpression(callee)) {
      const inner = objectShape(callee.expression, declarations, seen);
      if (inner) return inner;
    }
    for (const argument of node.arguments) {
      if (ts.isObjectLiteralExpression(argument)) continue;
      const inner = objectShape(argument, declarations, seen);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A node's JSDoc comment as one line of text. */
function jsDocText(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ');
  const line = text.replace(/\s+/g, ' ').trim();
  return line || undefined;
}
