/**
 * The project's own import graph, read from the sources: every static
 * `import … from`, `export … from` and literal `import()` of src/ and rules/,
 * type-only ones included (a type-only circle is still two layers that each
 * need the other). Relative specifiers resolve to the .ts file they name;
 * anything else (`node:fs`, `unified`) is kept as written.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ImportGraph {
  /** Project-relative file → what it imports (project-relative files, or bare specifiers). */
  imports: Map<string, string[]>;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const imports = new Map<string, string[]>();
  for (const folder of folders) {
    for (const file of sourceFiles(path.join(root, folder))) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      const text = withoutComments(fs.readFileSync(file, 'utf8'));
      const targets: string[] = [];
      for (const match of text.matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2]!;
        targets.push(specifier.startsWith('.') ? resolveRelative(root, file, specifier) : specifier);
      }
      imports.set(relative, targets);
    }
  }
  return { imports };
}

/** Every file `start` reaches, itself included. */
export function reachable(graph: ImportGraph, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const target of graph.imports.get(stack.pop()!) ?? []) {
      if (seen.has(target)) continue;
      seen.add(target);
      stack.push(target);
    }
  }
  return seen;
}

/** The import path from `start` to `target`, for a failure message that says where to cut. */
export function pathTo(graph: ImportGraph, start: string, target: string): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [start];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (file === target) {
      const route = [file];
      while (previous.has(route[0]!)) route.unshift(previous.get(route[0]!)!);
      return route;
    }
    for (const next of graph.imports.get(file) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, file);
      queue.push(next);
    }
  }
  return undefined;
}

/** Each import circle once, as the files around it (Tarjan's strongly connected components, linear). */
export function importCircles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const circles: string[][] = [];
  let counter = 0;
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.imports.get(file) ?? []) {
      if (!graph.imports.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1) circles.push(component.sort());
  };
  for (const file of graph.imports.keys()) if (!index.has(file)) visit(file);
  return circles;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) =>
    entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path.join(entry.parentPath, entry.name)] : [],
  );
}

function resolveRelative(root: string, from: string, specifier: string): string {
  const absolute = path.resolve(path.dirname(from), specifier).replace(/\.js$/, '.ts');
  return path.relative(root, absolute).split(path.sep).join('/');
}

/** Comments can quote imports (`import … from 'x'` in a doc comment); strings are left alone. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}
