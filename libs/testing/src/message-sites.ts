import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Where the server code writes a message a client may read: found in the
 * source, so that a test can require a translation for each one.
 *
 * A message site is
 * - the message argument of `new XException(...)` and of `super(...)` in the
 *   constructor of a DomainException subclass (and the default value of a
 *   `message` parameter of such a constructor); for NotFoundException the
 *   entity name instead;
 * - the message of `XException.field(field, message)`;
 * - the `message` of an object literal that also has a `field` (a FieldProblem),
 *   also when it is a function returning the message;
 * - the `message` option of a class-validator decorator (`@IsUUID('all', { message })`);
 * - the `message` argument of a function declared in the same file that
 *   takes a `field` and a `message` (`add(field, message)` helpers);
 * - the names `{ one, many }` of a record UnitsService.requireManaged checks.
 *
 * A `message` parameter passed on inside such a helper or a DomainException
 * class is no site of its own (its callers are).
 * A conditional (`a ? 'x' : 'y'`) gives one site per branch, a const in the
 * same file is read through. Anything else is `dynamic` and names its
 * expression, for the test to account for.
 */
type Role = 'message' | 'entity' | 'entities';

export type MessageSite = {
  file: string;
  line: number;
  /** `entity`: the entity name of a NotFoundException; `entities`: the plural of one, in a sentence. */
  role: Role;
} & (
  | { form: 'literal'; text: string }
  /** A template: the literal parts with an empty `${}` for each substitution. */
  | { form: 'template'; text: string }
  | { form: 'dynamic'; text: string }
);

const EXCLUDED = /(\.spec\.ts|\.e2e-spec\.ts|\.d\.ts)$/;

/** The TypeScript files of the server code: apps/{api,worker,cli}/src and libs/* /src except libs/testing, specs excluded. */
export function serverSourceFiles(root: string): string[] {
  const dirs = [
    ...['api', 'worker', 'cli'].map((a) => path.join(root, 'apps', a, 'src')),
    ...readdirSync(path.join(root, 'libs'))
      .filter((l) => l !== 'testing')
      .map((l) => path.join(root, 'libs', l, 'src')),
  ];
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return walk(full);
      return name.endsWith('.ts') && !EXCLUDED.test(name) ? [full] : [];
    });
  return dirs.flatMap(walk).sort();
}

interface ExceptionClass {
  name: string;
  base: string | null;
  /** Index of the constructor's `message` (or `entity`) parameter, when it declares a constructor. */
  messageIndex?: number;
  role?: Role;
}

export function findMessageSites(root: string, files = serverSourceFiles(root)): MessageSite[] {
  const sources = files.map((file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true));

  // every class and what it extends, to know the DomainException family and its message parameters
  const classes = new Map<string, ExceptionClass>();
  for (const source of sources) {
    source.forEachChild(function visit(node) {
      if (ts.isClassDeclaration(node) && node.name) {
        const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        const entry: ExceptionClass = { name: node.name.text, base: heritage && ts.isIdentifier(heritage) ? heritage.text : null };
        const ctor = node.members.find(ts.isConstructorDeclaration);
        if (ctor) {
          const index = ctor.parameters.findIndex((p) => ts.isIdentifier(p.name) && (p.name.text === 'message' || p.name.text === 'entity'));
          entry.messageIndex = index;
          if (index >= 0) entry.role = (ctor.parameters[index].name as ts.Identifier).text === 'entity' ? 'entity' : 'message';
        }
        classes.set(entry.name, entry);
      }
      node.forEachChild(visit);
    });
  }
  const isDomain = (name: string): boolean => {
    for (let current = classes.get(name), hops = 0; current && hops < 10; current = current.base ? classes.get(current.base) : undefined, hops++) {
      if (current.name === 'DomainException') return true;
    }
    return false;
  };
  /** The constructor's message parameter, inherited when a subclass declares no constructor. */
  const messageParam = (name: string): { index: number; role: Role } | null => {
    for (let current = classes.get(name), hops = 0; current && hops < 10; current = current.base ? classes.get(current.base) : undefined, hops++) {
      if (current.messageIndex !== undefined) return current.messageIndex >= 0 ? { index: current.messageIndex, role: current.role! } : null;
    }
    return null;
  };

  const sites: MessageSite[] = [];
  for (const source of sources) {
    const file = path.relative(root, source.fileName);
    const imports = importedNames(source);
    const helpers = messageHelpers(source);
    /** A name that refers to a DomainException class (imported from our code or declared here, not Nest's own). */
    const domainClass = (expr: ts.Expression): string | null => {
      if (!ts.isIdentifier(expr)) return null;
      const imported = imports.get(expr.text);
      if (imported && !imported.module.startsWith('@qinglian/') && !imported.module.startsWith('.')) return null;
      const name = imported?.name ?? expr.text;
      return isDomain(name) ? name : null;
    };
    /** A `message` parameter of a helper or of a DomainException class, passed on: its callers are the sites. */
    const forwarded = (e: ts.Identifier): boolean => {
      if (e.text !== 'message') return false;
      for (let n: ts.Node | undefined = e.parent; n; n = n.parent) {
        if (!ts.isFunctionLike(n)) continue;
        const params = n.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
        if (!params.includes('message')) return false;
        const cls = ts.isClassDeclaration(n.parent) && n.parent.name ? n.parent.name.text : null;
        return (cls !== null && isDomain(cls)) || params.includes('field');
      }
      return false;
    };
    const add = (expr: ts.Expression | undefined, role: Role, seen = 0): void => {
      if (!expr) return;
      const line = source.getLineAndCharacterOfPosition(expr.getStart()).line + 1;
      const e = skipParentheses(expr);
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) sites.push({ file, line, role, form: 'literal', text: e.text });
      else if (ts.isTemplateExpression(e)) sites.push({ file, line, role, form: 'template', text: skeleton(e) });
      else if (ts.isConditionalExpression(e)) {
        add(e.whenTrue, role, seen);
        add(e.whenFalse, role, seen);
      } else if (ts.isIdentifier(e) && constInitialiser(e) && seen < 3) add(constInitialiser(e), role, seen + 1);
      else if (ts.isArrowFunction(e) && !ts.isBlock(e.body)) add(e.body, role, seen);
      else if (ts.isIdentifier(e) && forwarded(e)) return;
      else sites.push({ file, line, role, form: 'dynamic', text: e.getText(source).replace(/\s+/g, ' ') });
    };

    source.forEachChild(function visit(node) {
      if (ts.isNewExpression(node)) {
        const name = domainClass(node.expression);
        const param = name && messageParam(name);
        if (name && param) add(node.arguments?.[param.index], param.role);
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (callee.kind === ts.SyntaxKind.SuperKeyword) {
          const cls = enclosingClass(node);
          const base = cls && cls.base && isDomain(cls.base) ? messageParam(cls.base) : null;
          if (base) add(node.arguments[base.index], base.role);
        } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'field' && domainClass(callee.expression)) {
          add(node.arguments[1], 'message');
        } else if (ts.isIdentifier(callee) && helpers.has(callee.text)) {
          add(node.arguments[helpers.get(callee.text)!], 'message');
        }
      } else if (ts.isObjectLiteralExpression(node)) {
        const props = new Map(node.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.getText(source), p.initializer]));
        const shorthand = new Set(node.properties.filter(ts.isShorthandPropertyAssignment).map((p) => p.name.text));
        const message = props.get('message');
        const fieldProblem = (props.has('field') || shorthand.has('field')) && message;
        const validatorOption = message && ts.isCallExpression(node.parent) && ts.isDecorator(node.parent.parent);
        const refusalRule = message && (ts.isArrowFunction(message) || ts.isFunctionExpression(message)) && props.has('reason');
        if (fieldProblem || validatorOption || refusalRule) add(message, 'message');
        if (props.size === 2 && props.has('one') && props.has('many')) {
          add(props.get('one'), 'entity');
          add(props.get('many'), 'entities');
        }
      } else if (ts.isConstructorDeclaration(node) && ts.isClassDeclaration(node.parent) && node.parent.name && isDomain(node.parent.name.text)) {
        for (const p of node.parameters) if (ts.isIdentifier(p.name) && p.name.text === 'message' && p.initializer) add(p.initializer, 'message');
      }
      node.forEachChild(visit);
    });

    function enclosingClass(node: ts.Node): ExceptionClass | null {
      for (let n: ts.Node | undefined = node; n; n = n.parent) if (ts.isClassDeclaration(n) && n.name) return classes.get(n.name.text) ?? null;
      return null;
    }
  }
  return sites;
}

/** Literal parts of a template with an empty `${}` for each substitution. */
export function skeleton(template: ts.TemplateExpression): string {
  return template.head.text + template.templateSpans.map((span) => '${}' + span.literal.text).join('');
}

/** The strings a function or method of a file returns (e.g. the refusals of SignedUrl.refusal), as message sites. */
export function returnedMessages(root: string, file: string, name: string): MessageSite[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  const sites: MessageSite[] = [];
  source.forEachChild(function visit(node) {
    const named = (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name) && node.name.text === name;
    if (named && node.body) {
      node.body.forEachChild(function collect(inner) {
        if (ts.isReturnStatement(inner) && inner.expression) {
          const e = inner.expression;
          const line = source.getLineAndCharacterOfPosition(e.getStart()).line + 1;
          if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) sites.push({ file, line, role: 'message', form: 'literal', text: e.text });
          else if (ts.isTemplateExpression(e)) sites.push({ file, line, role: 'message', form: 'template', text: skeleton(e) });
        }
        if (!ts.isFunctionLike(inner)) inner.forEachChild(collect);
      });
    }
    node.forEachChild(visit);
  });
  return sites;
}

function skipParentheses(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  return e;
}

function importedNames(source: ts.SourceFile): Map<string, { name: string; module: string }> {
  const names = new Map<string, { name: string; module: string }>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) names.set(el.name.text, { name: (el.propertyName ?? el.name).getText(source), module: statement.moduleSpecifier.text });
    }
  }
  return names;
}

/** The initialiser of the `const` an identifier names, looked up in the enclosing blocks, innermost first. */
function constInitialiser(identifier: ts.Identifier): ts.Expression | undefined {
  for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isModuleBlock(scope)) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === identifier.text);
      if (declaration?.initializer) return declaration.initializer;
    }
  }
  return undefined;
}

/** Functions declared in the file that take a `field` and its `message` (problem-collecting helpers): name → index of `message`. */
function messageHelpers(source: ts.SourceFile): Map<string, number> {
  const found = new Map<string, number>();
  const note = (name: string, params: ts.NodeArray<ts.ParameterDeclaration>) => {
    const names = params.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
    if (names.includes('field') && names.includes('message')) found.set(name, names.indexOf('message'));
  };
  source.forEachChild(function visit(node) {
    if (ts.isFunctionDeclaration(node) && node.name) note(node.name.text, node.parameters);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
      note(node.name.text, node.initializer.parameters);
    }
    node.forEachChild(visit);
  });
  return found;
}
