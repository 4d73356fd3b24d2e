import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * Reports an import whose target leads back to the importing file. Unlike `import/no-cycle`, which
 * skips `import type` by design, every edge counts — type-only imports, re-exports, `import()` and
 * `import("…")` types — because a type-only edge is still a layering edge: it is how the domain
 * came to take its status enum from the wire layer.
 *
 * Other files' imports are read from disk with TypeScript's own pre-processor and resolved with
 * the project's tsconfig (paths included); the linted file's come from its syntax tree, so an
 * unsaved edit is judged as written.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const options = ts.convertCompilerOptionsFromJson(
  ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile).config?.compilerOptions ?? {},
  root,
).options;
const resolutionCache = ts.createModuleResolutionCache(root, (f) => f, options);

/** The project file a specifier names, or null for packages, Node built-ins and unresolved names. */
function resolve(specifier, fromFile) {
  const resolved = ts.resolveModuleName(specifier, fromFile, options, ts.sys, resolutionCache).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport) return null;
  const file = path.resolve(resolved.resolvedFileName);
  if (!file.startsWith(root + path.sep) || file.split(path.sep).includes("node_modules")) return null;
  return file;
}

/** Imports of files on disk, cached by modification time (editors keep one process for hours). */
const onDisk = new Map();

function importsOf(file) {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = onDisk.get(file);
  if (cached && cached.mtime === mtime) return cached.targets;
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const targets = [...new Set(importedFiles.map((f) => resolve(f.fileName, file)).filter((t) => t !== null))];
  onDisk.set(file, { mtime, targets });
  return targets;
}

/** The shortest chain of imports from `start` back to `goal`, or null when there is none. */
function pathBack(start, goal) {
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    for (const next of importsOf(file)) {
      if (next === goal) {
        const chain = [file];
        for (let at = cameFrom.get(file); at !== null; at = cameFrom.get(at)) chain.unshift(at);
        return chain;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

const relative = (file) => path.relative(root, file).split(path.sep).join("/");

export const noImportCycle = {
  meta: {
    type: "problem",
    docs: { description: "Disallow imports (type-only ones included) that lead back to the importing file" },
    schema: [],
    messages: { cycle: "Import cycle: {{chain}}" },
  },
  create(context) {
    const self = path.resolve(context.physicalFilename);
    if (!self.startsWith(root + path.sep)) return {};

    function check(node, source) {
      if (typeof source !== "string") return;
      const target = resolve(source, self);
      if (target === null || target === self) return;
      const chain = pathBack(target, self);
      if (chain) context.report({ node, messageId: "cycle", data: { chain: [self, ...chain, self].map(relative).join(" → ") } });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node.source, node.source.value),
      TSImportType: (node) => node.source && check(node.source, node.source.value),
    };
  },
};
