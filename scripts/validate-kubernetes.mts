/**
 * Validates the Kubernetes manifests of a folder (default deploy/kubernetes) against Kubernetes'
 * published schemas: kubernetes-models carries validators generated from Kubernetes' OpenAPI
 * definitions, so this runs offline. Those validators, like the API server, let unknown fields
 * through (a misspelt `livenesProbe` would be dropped in silence): the same package's TypeScript
 * types, generated from the same definitions, refuse them as excess properties, as `kubectl
 * --validate=strict` does. Prints one JSON line ({ objects, errors }); exit 1 on any error.
 *
 *   npx tsx scripts/validate-kubernetes.mts [folder]
 *
 * ESM (.mts) because kubernetes-models is published as ES modules only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';

// Each model's validate() comes from @kubernetes-models/base, whose types this project's (CommonJS)
// module resolution does not follow: the call is typed here.
type Validatable = { validate(): void };
// This script's own project (scripts/..), found from its path as run.
const PROJECT = resolve(dirname(resolve(process.argv[1] ?? 'scripts/validate-kubernetes.mts')), '..');

/** Each kind: its model (the schema validator), and its module and type (the strict check). */
const KINDS: Record<string, { model: (data: never) => object; module: string; type: string }> = {
  'apps/v1 Deployment': { model: (data) => new Deployment(data), module: 'kubernetes-models/apps/v1/Deployment', type: 'IDeployment' },
  'v1 Service': { model: (data) => new Service(data), module: 'kubernetes-models/v1/Service', type: 'IService' },
  'v1 Secret': { model: (data) => new Secret(data), module: 'kubernetes-models/v1/Secret', type: 'ISecret' },
  'policy/v1 PodDisruptionBudget': { model: (data) => new PodDisruptionBudget(data), module: 'kubernetes-models/policy/v1/PodDisruptionBudget', type: 'IPodDisruptionBudget' },
};

/**
 * Unknown fields and wrong shapes, by type-checking each manifest as an object literal of its kind's
 * type (in memory: nothing is written). TypeScript names the first unknown field of each manifest.
 */
function strictProblems(manifests: { file: string; kind: string; doc: Record<string, unknown>; key: string }[]): { file: string; kind: string; problems: string[] }[] {
  const sources = new Map<string, { file: string; kind: string; text: string }>();
  manifests.forEach(({ file, kind, doc, key }, i) => {
    const { module, type } = KINDS[key]!;
    // In the project's folder (in memory), so the package resolves from its node_modules wherever the manifests are.
    sources.set(join(PROJECT, `__manifest-${i}.ts`), { file, kind, text: `import type { ${type} } from '${module}';\nexport const manifest: ${type} = ${JSON.stringify(doc, null, 1)};\n` });
  });
  const options: ts.CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const source = sources.get(name);
    return source ? ts.createSourceFile(name, source.text, language) : getSourceFile.call(host, name, language, ...rest);
  };
  host.fileExists = (name) => sources.has(name) || fileExists.call(host, name);
  host.readFile = (name) => sources.get(name)?.text ?? readFile.call(host, name);
  const program = ts.createProgram([...sources.keys()], options, host);
  const found = new Map<string, { file: string; kind: string; problems: string[] }>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const source = diagnostic.file ? sources.get(diagnostic.file.fileName) : undefined;
    const at = source ?? { file: '(type check)', kind: '' };
    const entry = found.get(`${at.file} ${at.kind}`) ?? { file: at.file, kind: at.kind, problems: [] };
    entry.problems.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/"/g, ''));
    found.set(`${at.file} ${at.kind}`, entry);
  }
  return [...found.values()];
}


/** kustomize's own file is not a Kubernetes API object: its fields are checked here. */
function checkKustomization(doc: Record<string, unknown>, folder: string, files: string[]): string[] {
  const problems: string[] = [];
  const allowed = new Set(['apiVersion', 'kind', 'labels', 'resources', 'secretGenerator', 'configMapGenerator', 'images', 'namespace', 'namePrefix', 'commonAnnotations', 'patches']);
  for (const key of Object.keys(doc)) if (!allowed.has(key)) problems.push(`unknown field ${key}`);
  if (doc.apiVersion !== 'kustomize.config.k8s.io/v1beta1') problems.push('apiVersion must be kustomize.config.k8s.io/v1beta1');
  const resources = Array.isArray(doc.resources) ? (doc.resources as unknown[]) : [];
  for (const resource of resources) if (typeof resource !== 'string' || !files.includes(resource)) problems.push(`resource ${String(resource)} is not a file in ${folder}`);
  return problems;
}

const folder = resolve(process.argv[2] ?? 'deploy/kubernetes');
const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
const objects: { file: string; apiVersion: string; kind: string; name?: string }[] = [];
const errors: { file: string; kind?: string; problems: string[] }[] = [];
const typed: Parameters<typeof strictProblems>[0] = [];
for (const file of files) {
  for (const document of parseAllDocuments(readFileSync(join(folder, file), 'utf8'))) {
    if (document.errors.length) {
      errors.push({ file, problems: document.errors.map((e) => e.message) });
      continue;
    }
    const doc = document.toJS() as Record<string, unknown> | null;
    if (!doc) continue;
    const apiVersion = String(doc.apiVersion ?? '');
    const kind = String(doc.kind ?? '');
    const name = (doc.metadata as { name?: string } | undefined)?.name;
    objects.push({ file, apiVersion, kind, ...(name ? { name } : {}) });
    if (kind === 'Kustomization') {
      const problems = checkKustomization(doc, folder, files);
      if (problems.length) errors.push({ file, kind, problems });
      continue;
    }
    const model = KINDS[`${apiVersion} ${kind}`]?.model;
    if (!model) {
      errors.push({ file, kind, problems: [`no schema for ${apiVersion} ${kind} here (known: ${Object.keys(KINDS).join(', ')})`] });
      continue;
    }
    try {
      (model(doc as never) as Validatable).validate();
      typed.push({ file, kind, doc, key: `${apiVersion} ${kind}` });
    } catch (error) {
      errors.push({ file, kind, problems: [(error as Error).message] });
    }
  }
}
errors.push(...strictProblems(typed));
process.stdout.write(`${JSON.stringify({ folder, objects, errors })}\n`);
process.exit(errors.length ? 1 : 0);
