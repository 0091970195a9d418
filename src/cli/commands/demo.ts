/**
 * `crm-sequence-sync demo`: the whole product in a minute with nothing but Redis. Simulated HubSpot
 * and Sequence servers run in this process, seeded with a few hundred messy companies: customers
 * (a won deal), prospects (open or lost deals) and leads (no deal), some of which cannot be billed,
 * plus a group whose subsidiary has a won deal and whose parent has none. The real worker, with the
 * default billing scope (closed-won) and write-back, runs a full reconciliation that creates only the
 * customers (and the group's parent, as its owner) and writes each one's billing state back to
 * HubSpot; then a few edits arrive as signed webhooks, among them a prospect's deal moved to won,
 * which brings that company in, and a fix that flips a company to synced in HubSpot; finally it
 * prints what happened and where to look next. Its Redis keys are removed.
 */
import { SingleBar, Presets } from 'cli-progress';
import { table as newTable } from '../table';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createWriteStream } from 'node:fs';
import { Redis } from 'ioredis';
import { configFromEnv, parseEnv } from '../../../config';
import { startApp } from '../../app';
import { createLogger } from '../../logger';
import { deleteKeysWithPrefix } from '../../queue/connection';
import { Metrics } from '../../metrics/metrics';
import { JOB } from '../../queue/names';
import { RunStore, type RunReport } from '../../reconcile/runs';
import { ensureAccounts } from '../../accounts/guard';
import { createServices } from '../../services';
import { startHubSpotSimulator, seedCompanies, seedDeals } from '../../simulators/hubspot';
import { deliverWebhook, simulatedEvent, simulatedGenericEvent } from '../../simulators/hubspot/webhooks';
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
  // Only REDIS_URL matters here (and ADMIN_PASSWORD, for the dashboard), from the environment: never
  // from a .env, which in this folder may well be a production one. Everything else is simulated.
  const base = parseEnv({ REDIS_URL: process.env.REDIS_URL, ADMIN_PASSWORD: process.env.ADMIN_PASSWORD });
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
  // Customers (a won deal), prospects (open or lost deals only) and leads (no deal at all).
  const deals = seedDeals(hubspot.store, { companyIds: seeded.companyIds, wonRatio: 0.4, otherRatio: 0.5, seed: 2024 });
  const won = new Set(deals.wonCompanyIds);
  const prospects = deals.otherCompanyIds;
  const leads = seeded.companyIds.length - won.size - prospects.length;
  const wonUnbillable = deals.wonCompanyIds.filter((id) => seeded.unbillable.has(id)).length;
  // Two customers made earlier by Sequence's own HubSpot integration (which imports closed-won companies): adopted, not duplicated.
  for (const companyId of deals.wonCompanyIds.filter((id) => !seeded.unbillable.has(id)).slice(0, 2)) {
    sequence.store.seedCustomer({
      legalName: 'Imported by the native integration',
      address: { line1: 'Unknown', town: 'Unknown', postcode: '00000', country: 'GB' },
      taxStatus: 'TAXED',
      contacts: [{ name: 'Placeholder', email: 'placeholder@example.com', billingPreference: 'PRIMARY' }],
      integrationIds: [{ service: 'HubSpot', id: companyId }],
    });
  }
  // A group billed together (PARENT_CUSTOMERS): the subsidiary has a won deal, the parent none. And a customer that cannot be billed yet.
  const showcase = seedShowcase(hubspot);
  say(
    `Seeded ${count + 3} HubSpot companies: ${won.size + 2} customers with a won deal (${wonUnbillable + 1} of them cannot be billed), ${prospects.length} prospects with open or lost deals, ${leads} leads with no deal, ` +
      "a group's parent company (no deal) over one of the customers; and 2 customers made by Sequence's native integration.",
  );

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
        ...(base.ADMIN_PASSWORD ? { ADMIN_PASSWORD: base.ADMIN_PASSWORD } : {}),
        SEQUENCE_RATE_LIMIT_PER_MINUTE: '6000',
        WEBHOOK_DEBOUNCE_MS: '500',
        SYNC_BATCH_SIZE: '100',
        LOG_LEVEL: 'info',
        // The defaults, said out loud: only companies with a won deal get a customer, and HubSpot shows their billing state.
        BILLING_SCOPE: 'closed-won',
        HUBSPOT_WRITE_BACK: 'true',
        PARENT_CUSTOMERS: 'true',
      },
      ['hubspot', 'sequence', 'webhooks'],
    ),
  );
  const logger = createLogger({ level: 'info', pretty: 'false', destination: logStream });
  const metrics = new Metrics({ defaultMetrics: false });
  const services = createServices(config, logger, { onCall: metrics.onCall, onRateLimitWait: metrics.onRateLimitWait, onWriteBack: metrics.onWriteBack });
  // The demo's prefix serves the simulated accounts, as a worker's does: commands on other accounts are refused.
  await ensureAccounts(config, services.redis, (message, fields) => logger.warn(fields, message));
  const app = await startApp(services, { metrics, port: 0, host: '127.0.0.1', schedules: false });
  const runs = new RunStore(services.redis, prefix);

  try {
    say(`Worker running; webhooks, /metrics and /readyz at ${app.url}. Worker log: ${logFile}`);
    say('\n1. Full reconciliation: the companies with a won deal (BILLING_SCOPE=closed-won) into Sequence, with the parent of one; prospects and leads are not read');
    const full = await runAndShow(services.queues.reconcile, runs, 'full', out);
    say(formatReport({ ...full, failures: full.failures.slice(0, 8) }));
    if (full.failures.length > 8) say(`   … and ${full.failures.length - 8} more: crm-sequence-sync status lists them all`);

    const aliasOf = (id: string) => `hubspot-company-${id}`;
    // A prospect other than the one whose deal is won in step 2.
    const prospect = [...prospects].reverse().find((id) => !seeded.unbillable.has(id))!;
    await services.writeBack?.idle();
    say('\nHubSpot now shows each customer\'s billing state (HUBSPOT_WRITE_BACK), in the property group "Sequence billing"; a prospect is not written to:');
    const shown = [deals.wonCompanyIds.find((id) => !seeded.unbillable.has(id))!, showcase.parent, showcase.subsidiary, showcase.unbillable, prospect];
    say(billingTable(hubspot, sequence.store, shown, showcase));
    const writeBack = await readWriteBackStatus(services.redis, prefix);
    say(`   crm-sequence-sync status says: ${formatWriteBack(writeBack, config.hubspot.writeBack)}`);

    say('\n2. Edits in HubSpot, delivered as signed webhooks');
    // Customers' companies (a won deal, billable) past the two adopted from the native integration: the
    // smallest demo (25 companies, 10 with a won deal) still has enough of them for these edits.
    const billable = deals.wonCompanyIds.filter((id) => !seeded.unbillable.has(id)).slice(2);
    const renamed = billable.slice(0, 3);
    const deleted = billable[3];
    if (!deleted) throw new Error(`demo: only ${billable.length + 2} billable companies with a won deal were seeded; use more --companies`);
    for (const id of renamed) hubspot.store.updateCompany(id, { name: `${hubspot.store.getCompany(id)?.properties.name ?? 'Company'} (renamed)` });
    hubspot.store.deleteCompany(deleted);
    const created = hubspot.store.createCompany({ name: 'Brand New Customer GmbH', address: 'Unter den Linden 1', city: 'Berlin', zip: '10117', country: 'Deutschland', website: 'brand-new.example' });
    const contact = hubspot.store.createContact({ email: 'rechnung@brand-new.example', firstname: 'Greta', lastname: 'Rechner' });
    hubspot.store.associate(created.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    const signed = hubspot.store.createDeal({ dealname: 'Brand New: first order', dealstage: 'closedwon' });
    hubspot.store.associateDeal(signed.id, created.id, { primary: true });
    // A prospect closes: its open deal moves to won, which brings the company into the billing scope.
    const closing = prospects.find((id) => !seeded.unbillable.has(id) && hubspot.store.getCompanyDeals(id).length)!;
    const closingDeal = hubspot.store.getCompanyDeals(closing)[0]!;
    hubspot.store.moveDeal(closingDeal, 'closedwon');
    // A lead renamed: still no deal, so still no customer.
    const lead = seeded.companyIds.find((id) => !won.has(id) && !prospects.includes(id) && !seeded.unbillable.has(id))!;
    hubspot.store.updateCompany(lead, { name: `${hubspot.store.getCompany(lead)?.properties.name ?? 'Lead'} (renamed)` });
    // Someone fixes the customer that could not be billed.
    hubspot.store.updateCompany(showcase.unbillable, { city: 'Leeds' });
    const webhookUrl = `${app.url}/webhooks/hubspot`;
    const events = [
      ...renamed.map((id) => simulatedEvent('company.propertyChange', id, { propertyName: 'name' })),
      ...renamed.map((id) => simulatedEvent('company.propertyChange', id, { propertyName: 'name' })), // HubSpot repeats itself; coalesced
      simulatedEvent('company.creation', created.id),
      simulatedGenericEvent('object.creation', 'deal', signed.id),
      simulatedGenericEvent('object.propertyChange', 'deal', closingDeal, { propertyName: 'dealstage', propertyValue: 'closedwon' }),
      simulatedEvent('company.propertyChange', lead, { propertyName: 'name' }),
      simulatedEvent('company.deletion', deleted),
      simulatedEvent('company.propertyChange', showcase.unbillable, { propertyName: 'city' }),
    ];
    const answer = await deliverWebhook(webhookUrl, WEBHOOK_SECRET, events);
    const forged = await deliverWebhook(webhookUrl, 'not-the-secret', events);
    say(`   ${events.length} events sent: answered ${answer.status} in ${answer.ms.toFixed(0)} ms; a forged copy was answered ${forged.status}.`);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const done =
        sequence.store.byAlias(aliasOf(created.id)) &&
        sequence.store.byAlias(aliasOf(closing)) &&
        sequence.store.byAlias(aliasOf(deleted))?.archivedAt &&
        renamed.every((id) => sequence.store.byAlias(aliasOf(id))?.legalName.endsWith('(renamed)')) &&
        hubspot.store.getCompany(showcase.unbillable)?.properties[WRITE_BACK_PROPERTY.status] === 'synced';
      if (done) break;
      await sleep(200);
    }
    const rows = newTable({ head: ['HubSpot change', 'company', 'in Sequence now'] });
    for (const id of renamed) rows.push(['renamed', id, sequence.store.byAlias(aliasOf(id))?.legalName ?? '(not yet)']);
    rows.push(['created with a won deal', created.id, sequence.store.byAlias(aliasOf(created.id)) ? `customer ${sequence.store.byAlias(aliasOf(created.id))?.id}` : '(not yet)']);
    rows.push(["prospect's deal moved to won", closing, sequence.store.byAlias(aliasOf(closing)) ? `customer ${sequence.store.byAlias(aliasOf(closing))?.id}` : '(not yet)']);
    rows.push(['lead renamed (no deal)', lead, sequence.store.byAlias(aliasOf(lead)) ? 'customer (unexpected)' : 'no customer: out of scope']);
    rows.push(['deleted', deleted, sequence.store.byAlias(aliasOf(deleted))?.archivedAt ? 'customer archived' : '(not yet)']);
    const fixed = hubspot.store.getCompany(showcase.unbillable)?.properties;
    rows.push(['fixed (city)', showcase.unbillable, fixed?.[WRITE_BACK_PROPERTY.status] === 'synced' ? `customer ${fixed[WRITE_BACK_PROPERTY.customerId]}; HubSpot shows "synced"` : '(not yet)']);
    say(rows.toString());

    say('\n3. An incremental reconciliation: catches what a lost webhook would miss, and retries the failure index');
    const incremental = await runAndShow(services.queues.reconcile, runs, 'incremental', out);
    say(formatReport({ ...incremental, failures: [] }));

    const customers = sequence.store.count({ includeArchived: true });
    const duplicates = sequence.store.duplicatesByIntegrationId();
    const outsiders = seeded.companyIds.filter((id) => !won.has(id) && id !== closing && sequence.store.byAlias(aliasOf(id))).length;
    const groupParent = sequence.store.byAlias(aliasOf(showcase.parent));
    const groupChild = sequence.store.byAlias(aliasOf(showcase.subsidiary));
    const grouped = Boolean(groupParent && groupChild && sequence.store.parentOf(groupChild.id) === groupParent.id);
    say(
      `\nSequence now holds ${customers} customers (${duplicates.length} duplicated), from ${count + 4} HubSpot companies: the ${won.size + 4} with a won deal, ` +
        `less ${full.failed - 1} that cannot be billed until someone fixes them in HubSpot (reasons above, and on each company in HubSpot), and the group's parent company. ` +
        `${outsiders} of the ${prospects.length - 1} other prospects and ${leads} leads reached Sequence.`,
    );
    if (groupChild) say(`The subsidiary's customer ${groupChild.id} has its group's customer ${grouped ? groupParent?.id : '(not set!)'} as parent, though the parent company has no deal.`);
    say('\nWhere to look next:');
    say('  crm-sequence-sync status                 queues, runs, rate limits, the billing scope, the write-back and the failure index');
    say('  crm-sequence-sync link <companyId>       one company\'s customer, last sync and outcome, and whether it is in the billing scope');
    say('  crm-sequence-sync map examples/company-unbillable.json   why a company cannot be billed');
    say('  crm-sequence-sync failures retry         re-queue failed companies once fixed');
    say(`  worker log: ${logFile}   metrics: ${app.url}/metrics`);
    say(
      base.ADMIN_PASSWORD
        ? `  dashboard: ${app.url}/admin/queues (user admin, your ADMIN_PASSWORD${options.keep ? '' : '; with --keep it stays up'})`
        : '  dashboard: start the demo with ADMIN_PASSWORD set (16 characters or more) and --keep to browse the queues at /admin/queues',
    );
    say('  docs/: configuration, HubSpot and Sequence setup, troubleshooting (start at README.md)');
    if (options.keep) {
      say(`\nStill running (HubSpot ${hubspot.url}, Sequence ${sequence.url}, worker ${app.url}). Ctrl-C to stop.`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
    return duplicates.length === 0 && outsiders === 0 && grouped && full.status === 'finished' ? EXIT.ok : EXIT.failed;
  } finally {
    await app.close(5_000);
    await services.queues.reconcile.obliterate({ force: true }).catch(() => undefined);
    await deleteKeysWithPrefix(services.redis, prefix);
    await services.close();
    await Promise.all([hubspot.close(), sequence.close()]);
    logStream.end();
  }
}

interface Showcase {
  /** A group's parent company: no deal, so outside the billing scope, yet its customer owns the group. */
  parent: string;
  /** Its subsidiary, with a won deal. */
  subsidiary: string;
  /** A customer with a won deal that cannot be billed until its city is set. */
  unbillable: string;
}

/** The companies the demo shows by name: a group (parent without a deal, subsidiary with a won one) and a customer with no city. */
function seedShowcase(hubspot: HubSpotSimulator): Showcase {
  const { store } = hubspot;
  const make = (name: string, city: string | null, email: string, won: boolean) => {
    const company = store.createCompany({ name, address: '1 Harbour Road', city, zip: 'EC2A 4NE', country: 'GB', website: `${email.split('@')[1]}` });
    const contact = store.createContact({ email, firstname: 'Pat', lastname: 'Payable' });
    store.associate(company.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    if (won) store.associateDeal(store.createDeal({ dealname: `${name}: first order`, dealstage: 'closedwon' }).id, company.id, { primary: true });
    return company.id;
  };
  const parent = make('Northwind Group plc', 'London', 'ap@northwind-group.example', false);
  const subsidiary = make('Northwind Logistics Ltd', 'Leeds', 'ap@logistics.northwind-group.example', true);
  store.setParentCompany(subsidiary, parent);
  const unbillable = make('Contoso Trading Ltd', null, 'invoices@contoso-trading.example', true);
  return { parent, subsidiary, unbillable };
}

/** What HubSpot shows on a few companies: the write-back's properties, and the group's parent. */
function billingTable(hubspot: HubSpotSimulator, sequence: import('../../simulators/sequence').SequenceStore, ids: readonly string[], showcase: Showcase): string {
  const rows = newTable({ head: ['company', 'Sequence billing status', 'Sequence customer ID', 'Sequence billing problems / parent'], colWidths: [34, 18, 38, 60], wordWrap: true });
  for (const id of ids) {
    const company = hubspot.store.getCompany(id);
    const p = company?.properties ?? {};
    const customer = p[WRITE_BACK_PROPERTY.customerId];
    const parent = customer ? sequence.parentOf(customer) : undefined;
    const extra =
      p[WRITE_BACK_PROPERTY.problems] ||
      (id === showcase.subsidiary && parent ? `parent customer ${parent} (Northwind Group plc)` : id === showcase.parent ? 'no deal: outside the billing scope, billed as the group\'s owner' : '');
    rows.push([`${id} ${p.name ?? ''}`.trim(), p[WRITE_BACK_PROPERTY.status] || '-', customer || '-', extra || (p[WRITE_BACK_PROPERTY.status] ? '' : 'out of scope (no won deal): not written to')]);
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
