/**
 * Validates the Kubernetes manifests of a folder (default deploy/kubernetes) against Kubernetes'
 * published schemas: kubernetes-models carries validators generated from Kubernetes' OpenAPI
 * definitions, so this runs offline. Prints one JSON line ({ objects, errors }); exit 1 on any error.
 *
 *   npx tsx scripts/validate-kubernetes.mts [folder]
 *
 * ESM (.mts) because kubernetes-models is published as ES modules only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';

// Each model's validate() comes from @kubernetes-models/base, whose types this project's (CommonJS)
// module resolution does not follow: the call is typed here.
type Validatable = { validate(): void };
const MODELS: Record<string, (data: never) => object> = {
  'apps/v1 Deployment': (data) => new Deployment(data),
  'v1 Service': (data) => new Service(data),
  'v1 Secret': (data) => new Secret(data),
  'policy/v1 PodDisruptionBudget': (data) => new PodDisruptionBudget(data),
};

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
    const model = MODELS[`${apiVersion} ${kind}`];
    if (!model) {
      errors.push({ file, kind, problems: [`no schema for ${apiVersion} ${kind} here (known: ${Object.keys(MODELS).join(', ')})`] });
      continue;
    }
    try {
      (model(doc as never) as Validatable).validate();
    } catch (error) {
      errors.push({ file, kind, problems: [(error as Error).message] });
    }
  }
}
process.stdout.write(`${JSON.stringify({ folder, objects, errors })}\n`);
process.exit(errors.length ? 1 : 0);
