/**
 * deploy/kubernetes: every manifest validates against Kubernetes' published schemas (kubernetes-models,
 * offline, through scripts/validate-kubernetes.mts), a broken one is caught, and the parts the service
 * relies on say what the docs say: probes on /healthz and /readyz, a grace period longer than the
 * shutdown bound, memory requests from the measured peak, selectors that match, known variables only.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { EnvSchema, REQUIREMENTS, parseEnv } from '../../../config/env';

const ROOT = join(__dirname, '..', '..', '..');
const FOLDER = join(ROOT, 'deploy', 'kubernetes');

function validate(folder: string): { code: number | null; report: { objects: { kind: string }[]; errors: { file: string; problems: string[] }[] } } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'validate-kubernetes.mts'), folder], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, report: JSON.parse(result.stdout) as ReturnType<typeof validate>['report'] };
}

const load = <T>(file: string): T => parse(readFileSync(join(FOLDER, file), 'utf8')) as T;

interface Container {
  name: string;
  ports: { name: string; containerPort: number }[];
  env: { name: string; value: string }[];
  envFrom: { secretRef: { name: string } }[];
  resources: { requests: { memory: string; cpu: string }; limits: { memory: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
}
interface DeploymentDoc {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: { terminationGracePeriodSeconds: number; containers: Container[] } };
  };
}

const mebibytes = (quantity: string) => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
};

describe('deploy/kubernetes', () => {
  it('every manifest validates against the Kubernetes schemas', () => {
    const { code, report } = validate(FOLDER);
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
    expect(report.objects.map((o) => o.kind).sort()).toEqual(['Deployment', 'Kustomization', 'PodDisruptionBudget', 'Secret', 'Service']);
  }, 60_000);

  it('a manifest that breaks the schema is caught, naming the file and the field', () => {
    const broken = mkdtempSync(join(tmpdir(), 'css-k8s-'));
    try {
      cpSync(FOLDER, broken, { recursive: true });
      const text = readFileSync(join(broken, 'deployment.yaml'), 'utf8').replace('replicas: 2', 'replicas: two');
      writeFileSync(join(broken, 'deployment.yaml'), text);
      writeFileSync(join(broken, 'pdb.yaml'), readFileSync(join(broken, 'pdb.yaml'), 'utf8').replace('apiVersion: policy/v1', 'apiVersion: policy/v1beta1'));
      const { code, report } = validate(broken);
      expect(code).toBe(1);
      expect(report.errors).toEqual(
        expect.arrayContaining([
          { file: 'deployment.yaml', kind: 'Deployment', problems: [expect.stringContaining('spec/replicas must be integer')] },
          { file: 'pdb.yaml', kind: 'PodDisruptionBudget', problems: [expect.stringContaining('no schema for policy/v1beta1')] },
        ]),
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 60_000);

  it('an unknown (misspelt) field is caught, naming the file and the field, which the schemas alone let through', () => {
    const broken = mkdtempSync(join(tmpdir(), 'css-k8s-'));
    try {
      cpSync(FOLDER, broken, { recursive: true });
      const misspell = (file: string, from: string, to: string) => writeFileSync(join(broken, file), readFileSync(join(broken, file), 'utf8').replace(from, to));
      misspell('deployment.yaml', 'livenessProbe:', 'livenesProbe:');
      misspell('pdb.yaml', 'minAvailable:', 'minAvailabel:');
      misspell('service.yaml', 'targetPort:', 'targetport:');
      const { code, report } = validate(broken);
      expect(code).toBe(1);
      expect(report.errors).toEqual(
        expect.arrayContaining([
          { file: 'deployment.yaml', kind: 'Deployment', problems: [expect.stringContaining("'livenesProbe' does not exist")] },
          { file: 'pdb.yaml', kind: 'PodDisruptionBudget', problems: [expect.stringContaining("'minAvailabel' does not exist")] },
          { file: 'service.yaml', kind: 'Service', problems: [expect.stringContaining("'targetport' does not exist")] },
        ]),
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 60_000);

  it('the Deployment: probes, a grace period longer than the shutdown bound, requests from the measured memory', () => {
    const deployment = load<DeploymentDoc>('deployment.yaml');
    const pod = deployment.spec.template.spec;
    const worker = pod.containers[0]!;
    const env = Object.fromEntries(worker.env.map((e) => [e.name, e.value]));
    expect(worker.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: Number(env.PORT) })]);
    expect(worker.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(worker.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    // docs/operations.md: shutdown ends within SHUTDOWN_TIMEOUT_MS (or 5 s) plus 4 s; grace above that plus 10 s.
    const shutdownBoundSeconds = Math.max(Number(env.SHUTDOWN_TIMEOUT_MS), 5_000) / 1000 + 4;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(shutdownBoundSeconds + 10);
    // Worker peak RSS measured on Node 24 with the image's settings (semi-space 16 MB, MALLOC_ARENA_MAX=2):
    // about 200 MB on 10,000 companies, 220 MB (210 MiB) on 100,000. The request covers it, without
    // reserving half as much again; the limit covers a worker without those settings (302 MB, 288 MiB).
    const peakMiB = 220e6 / 2 ** 20;
    expect(mebibytes(worker.resources.requests.memory)).toBeGreaterThanOrEqual(peakMiB);
    expect(mebibytes(worker.resources.requests.memory)).toBeLessThanOrEqual(peakMiB * 1.3);
    expect(mebibytes(worker.resources.limits.memory)).toBeGreaterThanOrEqual(288);
    expect(mebibytes(worker.resources.limits.memory)).toBeGreaterThan(mebibytes(worker.resources.requests.memory));
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
  });

  it('the settings the Deployment states are valid, and those it states as the defaults are the defaults', () => {
    const worker = load<DeploymentDoc>('deployment.yaml').spec.template.spec.containers[0]!;
    const stated = Object.fromEntries(worker.env.map((e) => [e.name, e.value]));
    const parsed = parseEnv({ REDIS_URL: 'redis://redis:6379', ...stated });
    const defaults = parseEnv({});
    for (const name of ['BILLING_SCOPE', 'HUBSPOT_WRITE_BACK', 'PARENT_CUSTOMERS'] as const) {
      expect(stated).toHaveProperty(name);
      expect(parsed[name]).toEqual(defaults[name]);
    }
  });

  it('the Service and the PodDisruptionBudget select the workers; the budget leaves one to drain at a time', () => {
    const deployment = load<DeploymentDoc>('deployment.yaml');
    const labels = deployment.spec.template.metadata.labels;
    const service = load<{ spec: { selector: Record<string, string>; ports: { targetPort: string }[] } }>('service.yaml');
    expect(labels).toMatchObject(service.spec.selector);
    expect(service.spec.ports[0]?.targetPort).toBe('http');
    const pdb = load<{ spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } }>('pdb.yaml');
    expect(labels).toMatchObject(pdb.spec.selector.matchLabels);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it('the Secret template, credentials.env.example and the Deployment name only variables the service knows, and every credential it needs', () => {
    const known = new Set(Object.keys(EnvSchema.shape));
    const deployment = load<DeploymentDoc>('deployment.yaml');
    const worker = deployment.spec.template.spec.containers[0]!;
    const secret = load<{ metadata: { name: string }; stringData: Record<string, string> }>('secret.template.yaml');
    const example = readFileSync(join(FOLDER, 'credentials.env.example'), 'utf8').split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]!);
    const names = [...worker.env.map((e) => e.name), ...Object.keys(secret.stringData), ...example];
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    const needed = ['REDIS_URL', ...REQUIREMENTS.hubspot, ...REQUIREMENTS.sequence, ...REQUIREMENTS.webhooks].sort();
    expect(Object.keys(secret.stringData).sort()).toEqual(needed);
    expect(example.sort()).toEqual(needed);
    const kustomization = load<{ secretGenerator: { name: string; envs: string[] }[] }>('kustomization.yaml');
    expect(worker.envFrom).toEqual([{ secretRef: { name: secret.metadata.name } }]);
    expect(kustomization.secretGenerator[0]?.name).toBe(secret.metadata.name);
    expect(parseAllDocuments(readFileSync(join(FOLDER, 'kustomization.yaml'), 'utf8'))).toHaveLength(1);
  });
});
