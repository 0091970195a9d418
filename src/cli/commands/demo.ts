/**
 * `crm-sequence-sync demo`: the whole product in a minute with nothing but Redis. Simulated HubSpot
 * and Sequence servers run in this process (seeded with a few hundred messy companies, some of which
 * cannot be billed, and a group with a subsidiary); the real worker runs a full reconciliation and
 * writes each company's billing state back to HubSpot, then a few edits (one of them a fix) arrive as
 * signed webhooks; finally it prints what happened and where to look next. Its Redis keys are removed.
 */
import { SingleBar, Presets } from 'cli-progress';
import { table as newTable } from '../table';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createWriteStream } from 'node:fs';
import { Redis } from 'ioredis';
import { configFromEnv, loadConfig, parseEnv } from '../../../config';
import { startApp } from '../../app';
import { createLogger } from '../../logger';
import { deleteKeysWithPrefix } from '../../queue/connection';
import { Metrics } from '../../metrics/metrics';
import { JOB } from '../../queue/names';
import { RunStore, type RunReport } from '../../reconcile/runs';
import { createServices } from '../../services';
import { startHubSpotSimulator, seedCompanies } from '../../simulators/hubspot';
import { deliverWebhook, simulatedEvent } from '../../simulators/hubspot/webhooks';
import { startSequenceSimulator } from '../../simulators/sequence';
import { sleep } from '../../limits/rate-limiter';
import { EXIT } from '../runtime';
import { formatReport } from './reconcile';
import { formatWriteBack } from './status';
import { readWriteBackStatus } from '../../writeback/status';
import { WRITE_BACK_PROPERTY } from '../../writeback/properties';
import type { HubSpotSimulator } from '../../simulators/hubspot';
import { maskUrlCredentials } from '../../shared/redact';

export interface DemoOptions {
  companies?: number;
  /** Keep the simulators and the worker running after the demo (Ctrl-C to stop). */
  keep?: boolean;
}

const WEBHOOK_SECRET = 'demo-webhook-secret';

export async function runDemo(options: DemoOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const say = (text = '') => out.write(`${text}\n`);
  // Only REDIS_URL matters here (from the environment or .env); everything else is simulated.
  const base = loadConfig().env;
  const prefix = `crm-sequence-sync-demo-${randomBytes(3).toString('hex')}`;
  const count = options.companies ?? 300;

  const redisCheck = new Redis(base.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 2000 });
  try {
    await redisCheck.connect();
    await redisCheck.ping();
  } catch {
    say(`Redis does not answer at ${maskUrlCredentials(base.REDIS_URL)}. Start one (e.g. "redis-server" or "docker run -p 6379:6379 redis:7") or set REDIS_URL.`);
    return EXIT.failed;
  } finally {
    redisCheck.disconnect();
  }

  say(`crm-sequence-sync demo: simulated HubSpot and Sequence, the real worker, Redis at ${maskUrlCredentials(base.REDIS_URL)} (keys under ${prefix}:*)`);
  const hubspot = await startHubSpotSimulator({ rateLimitPer10s: 100 });
  const sequence = await startSequenceSimulator({ rateLimitPerMinute: 6000 });
  const seeded = seedCompanies(hubspot.store, { count, contactsPerCompany: 3, seed: 2024, unbillableRatio: 0.06 });
  // Two customers made earlier by Sequence's own HubSpot integration: they are adopted, not duplicated.
  for (const companyId of seeded.companyIds.filter((id) => !seeded.unbillable.has(id)).slice(0, 2)) {
    sequence.store.seedCustomer({
      legalName: 'Imported by the native integration',
      address: { line1: 'Unknown', town: 'Unknown', postcode: '00000', country: 'GB' },
      taxStatus: 'TAXED',
      contacts: [{ name: 'Placeholder', email: 'placeholder@example.com', billingPreference: 'PRIMARY' }],
      integrationIds: [{ service: 'HubSpot', id: companyId }],
    });
  }
  // A group billed together: the parent company and its subsidiary (PARENT_CUSTOMERS).
  const group = seedGroup(hubspot);
  say(`Seeded ${count + 2} HubSpot companies (${seeded.unbillable.size} of them cannot be billed; one group with a subsidiary) and 2 customers made by Sequence's native integration.`);

  const logFile = join(tmpdir(), `${prefix}.log`);
  const logStream = createWriteStream(logFile);
  const config = configFromEnv(
    parseEnv(
      {
        REDIS_URL: base.REDIS_URL,
        QUEUE_PREFIX: prefix,
        HUBSPOT_ACCESS_TOKEN: 'hubspot-test-token',
        HUBSPOT_BASE_URL: hubspot.url,
        HUBSPOT_CLIENT_SECRET: WEBHOOK_SECRET,
        SEQUENCE_CLIENT_ID: 'seq-test-id',
        SEQUENCE_CLIENT_SECRET: 'seq-test-secret',
        SEQUENCE_BASE_URL: sequence.url,
        SEQUENCE_RATE_LIMIT_PER_MINUTE: '6000',
        WEBHOOK_DEBOUNCE_MS: '500',
        SYNC_BATCH_SIZE: '100',
        LOG_LEVEL: 'info',
        HUBSPOT_WRITE_BACK: 'true',
        PARENT_CUSTOMERS: 'true',
      },
      ['hubspot', 'sequence', 'webhooks'],
    ),
  );
  const logger = createLogger({ level: 'info', pretty: 'false', destination: logStream });
  const metrics = new Metrics({ defaultMetrics: false });
  const services = createServices(config, logger, { onCall: metrics.onCall, onRateLimitWait: metrics.onRateLimitWait, onWriteBack: metrics.onWriteBack });
  const app = await startApp(services, { metrics, port: 0, host: '127.0.0.1', schedules: false });
  const runs = new RunStore(services.redis, prefix);

  try {
    say(`Worker running; webhooks, /metrics and /readyz at ${app.url}. Worker log: ${logFile}`);
    say('\n1. Full reconciliation: every HubSpot company into Sequence');
    const full = await runAndShow(services.queues.reconcile, runs, 'full', out);
    say(formatReport({ ...full, failures: full.failures.slice(0, 8) }));
    if (full.failures.length > 8) say(`   … and ${full.failures.length - 8} more: crm-sequence-sync status lists them all`);

    const aliasOf = (id: string) => `hubspot-company-${id}`;
    const fixable = [...seeded.unbillable].find(([, reason]) => reason === 'missing_city' || reason === 'missing_zip' || reason === 'missing_country');
    await services.writeBack?.idle();
    say('\nHubSpot now shows each company\'s billing state (HUBSPOT_WRITE_BACK), in the property group "Sequence billing":');
    const shown = [seeded.companyIds.find((id) => !seeded.unbillable.has(id))!, group.parent, group.subsidiary, ...(fixable ? [fixable[0]] : [])];
    say(billingTable(hubspot, sequence.store, shown, group));
    const writeBack = await readWriteBackStatus(services.redis, prefix);
    say(`   crm-sequence-sync status says: ${formatWriteBack(writeBack) ?? '(nothing written yet)'}`);

    say('\n2. Edits in HubSpot, delivered as signed webhooks');
    const billable = seeded.companyIds.filter((id) => !seeded.unbillable.has(id));
    const renamed = billable.slice(10, 13);
    for (const id of renamed) hubspot.store.updateCompany(id, { name: `${hubspot.store.getCompany(id)?.properties.name ?? 'Company'} (renamed)` });
    const deleted = billable[20]!;
    hubspot.store.deleteCompany(deleted);
    const created = hubspot.store.createCompany({ name: 'Brand New Customer GmbH', address: 'Unter den Linden 1', city: 'Berlin', zip: '10117', country: 'Deutschland', website: 'brand-new.example' });
    const contact = hubspot.store.createContact({ email: 'rechnung@brand-new.example', firstname: 'Greta', lastname: 'Rechner' });
    hubspot.store.associate(created.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    // Someone fixes a company that could not be billed.
    const fix: Record<string, string> | undefined = fixable && { missing_city: { city: 'Leeds' }, missing_zip: { zip: 'LS1 1AA' }, missing_country: { country: 'United Kingdom' } }[fixable[1] as 'missing_city'];
    if (fixable && fix) hubspot.store.updateCompany(fixable[0], fix);
    const webhookUrl = `${app.url}/webhooks/hubspot`;
    const events = [
      ...renamed.map((id) => simulatedEvent('company.propertyChange', id, { propertyName: 'name' })),
      ...renamed.map((id) => simulatedEvent('company.propertyChange', id, { propertyName: 'name' })), // HubSpot repeats itself; coalesced
      simulatedEvent('company.creation', created.id),
      simulatedEvent('company.deletion', deleted),
      ...(fixable && fix ? [simulatedEvent('company.propertyChange', fixable[0], { propertyName: Object.keys(fix)[0] })] : []),
    ];
    const answer = await deliverWebhook(webhookUrl, WEBHOOK_SECRET, events);
    const forged = await deliverWebhook(webhookUrl, 'not-the-secret', events);
    say(`   ${events.length} events sent: answered ${answer.status} in ${answer.ms.toFixed(0)} ms; a forged copy was answered ${forged.status}.`);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const done =
        sequence.store.byAlias(aliasOf(created.id)) &&
        sequence.store.byAlias(aliasOf(deleted))?.archivedAt &&
        renamed.every((id) => sequence.store.byAlias(aliasOf(id))?.legalName.endsWith('(renamed)')) &&
        (!fixable || hubspot.store.getCompany(fixable[0])?.properties[WRITE_BACK_PROPERTY.status] === 'synced');
      if (done) break;
      await sleep(200);
    }
    const rows = newTable({ head: ['HubSpot change', 'company', 'in Sequence now'] });
    for (const id of renamed) rows.push(['renamed', id, sequence.store.byAlias(aliasOf(id))?.legalName ?? '(not yet)']);
    rows.push(['created', created.id, sequence.store.byAlias(aliasOf(created.id)) ? `customer ${sequence.store.byAlias(aliasOf(created.id))?.id}` : '(not yet)']);
    rows.push(['deleted', deleted, sequence.store.byAlias(aliasOf(deleted))?.archivedAt ? 'customer archived' : '(not yet)']);
    if (fixable && fix) {
      const now = hubspot.store.getCompany(fixable[0])?.properties;
      rows.push([`fixed (${Object.keys(fix)[0]})`, fixable[0], now?.[WRITE_BACK_PROPERTY.status] === 'synced' ? `customer ${now[WRITE_BACK_PROPERTY.customerId]}; HubSpot shows "synced"` : '(not yet)']);
    }
    say(rows.toString());

    say('\n3. An incremental reconciliation: catches what a lost webhook would miss, and retries the failure index');
    const incremental = await runAndShow(services.queues.reconcile, runs, 'incremental', out);
    say(formatReport({ ...incremental, failures: [] }));

    const customers = sequence.store.count({ includeArchived: true });
    const duplicates = sequence.store.duplicatesByIntegrationId();
    const groupParent = sequence.store.byAlias(aliasOf(group.parent));
    const groupChild = sequence.store.byAlias(aliasOf(group.subsidiary));
    const stillUnbillable = full.failed - (fixable && fix ? 1 : 0);
    say(`\nSequence now holds ${customers} customers (${duplicates.length} duplicated), from ${count + 3} HubSpot companies; ${stillUnbillable} cannot be billed until someone fixes them in HubSpot (reasons above, and on each company in HubSpot).`);
    if (groupParent && groupChild) say(`The subsidiary's customer ${groupChild.id} has its group's customer ${sequence.store.parentOf(groupChild.id) === groupParent.id ? groupParent.id : '(not set!)'} as parent.`);
    say('\nWhere to look next:');
    say('  crm-sequence-sync status                 queues, runs, rate limits, the write-back and the failure index');
    say('  crm-sequence-sync link <companyId>       one company\'s customer, last sync and outcome');
    say('  crm-sequence-sync map examples/company-unbillable.json   why a company cannot be billed');
    say('  crm-sequence-sync failures retry         re-queue failed companies once fixed');
    say(`  worker log: ${logFile}   metrics: GET /metrics   dashboard: /admin/queues (set ADMIN_PASSWORD)`);
    say('  docs/: configuration, HubSpot and Sequence setup, troubleshooting (start at README.md)');
    if (options.keep) {
      say(`\nStill running (HubSpot ${hubspot.url}, Sequence ${sequence.url}, worker ${app.url}). Ctrl-C to stop.`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
    return duplicates.length === 0 && full.status === 'finished' ? EXIT.ok : EXIT.failed;
  } finally {
    await app.close(5_000);
    await services.queues.reconcile.obliterate({ force: true }).catch(() => undefined);
    await deleteKeysWithPrefix(services.redis, prefix);
    await services.close();
    await Promise.all([hubspot.close(), sequence.close()]);
    logStream.end();
  }
}

/** A parent company and its subsidiary, both billable. */
function seedGroup(hubspot: HubSpotSimulator): { parent: string; subsidiary: string } {
  const { store } = hubspot;
  const make = (name: string, city: string, email: string) => {
    const company = store.createCompany({ name, address: '1 Harbour Road', city, zip: 'EC2A 4NE', country: 'GB', website: 'northwind-group.example' });
    const contact = store.createContact({ email, firstname: 'Pat', lastname: 'Payable' });
    store.associate(company.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    return company.id;
  };
  const parent = make('Northwind Group plc', 'London', 'ap@northwind-group.example');
  const subsidiary = make('Northwind Logistics Ltd', 'Leeds', 'ap@logistics.northwind-group.example');
  store.setParentCompany(subsidiary, parent);
  return { parent, subsidiary };
}

/** What HubSpot shows on a few companies: the write-back's properties, and the group's parent. */
function billingTable(hubspot: HubSpotSimulator, sequence: import('../../simulators/sequence').SequenceStore, ids: readonly string[], group: { parent: string; subsidiary: string }): string {
  const rows = newTable({ head: ['company', 'Sequence billing status', 'Sequence customer ID', 'Sequence billing problems / parent'], colWidths: [34, 18, 38, 60], wordWrap: true });
  for (const id of ids) {
    const company = hubspot.store.getCompany(id);
    const p = company?.properties ?? {};
    const customer = p[WRITE_BACK_PROPERTY.customerId];
    const parent = customer ? sequence.parentOf(customer) : undefined;
    const extra = p[WRITE_BACK_PROPERTY.problems] || (id === group.subsidiary && parent ? `parent customer ${parent} (Northwind Group plc)` : '');
    rows.push([`${id} ${p.name ?? ''}`.trim(), p[WRITE_BACK_PROPERTY.status] ?? '-', customer ?? '-', extra]);
  }
  return rows.toString();
}

async function runAndShow(queue: import('bullmq').Queue, runs: RunStore, mode: 'full' | 'incremental', out: NodeJS.WritableStream): Promise<RunReport> {
  const runId = `demo-${mode}-${Date.now()}`;
  await queue.add(JOB.reconcile, { mode, requestedBy: 'demo' }, { jobId: runId });
  const tty = Boolean((out as NodeJS.WriteStream).isTTY);
  const bar = tty ? new SingleBar({ format: `   ${mode} {bar} {value}/{total} companies`, hideCursor: true, stream: out as NodeJS.WriteStream }, Presets.shades_classic) : undefined;
  bar?.start(1, 0);
  let lastPrinted = -1;
  for (;;) {
    const report = await runs.report(runId);
    if (report) {
      bar?.update(report.scanned);
      bar?.stop();
      if (!tty && lastPrinted !== 10) out.write(`   ${mode}: ${report.scanned}/${report.scanned} companies\n`);
      return report;
    }
    const progress = await runs.progress(runId);
    if (progress) {
      bar?.setTotal(Math.max(1, progress.record.scanned));
      bar?.update(progress.completed);
      const tenth = Math.floor((progress.completed / Math.max(1, progress.record.scanned)) * 10);
      if (!tty && progress.record.listingDone && tenth !== lastPrinted) {
        lastPrinted = tenth;
        out.write(`   ${mode}: ${progress.completed}/${progress.record.scanned} companies\n`);
      }
    }
    await sleep(200);
  }
}
