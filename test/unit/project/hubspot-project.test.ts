/**
 * The HubSpot project: the folder shipped in the repository is exactly what the generator writes
 * for the default settings, and the subscriptions follow the mapping settings.
 */
import { runCli } from '../../helpers/processes';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configFromEnv, parseEnv } from '../../../config';
import { runHubSpotProject } from '../../../src/cli/commands/hubspot-project';
import { UsageError } from '../../../src/cli/runtime';
import { DEAL_SCOPE, REQUIRED_SCOPES, WRITE_BACK_SCOPES } from '../../../src/hubspot/scopes';
import type { BillingScope } from '../../../src/scope';
import { WRITE_BACK_PROPERTY_NAMES } from '../../../src/writeback/properties';
import { CONTACT_PROPERTIES } from '../../../src/hubspot/types';
import { companyPropertiesToRead, MAPPED_CONTACT_PROPERTIES, mapCompanyToCustomer, mappedCompanyProperties } from '../../../src/mappers';
import { bundle, config as mappingConfig, contact, defaultContact } from '../mappers/fixtures';
import { DEFAULT_PLATFORM_VERSION, hubspotProjectFiles, PLACEHOLDER_WEBHOOK_URL, webhookSubscriptions } from '../../../src/project/hubspot-project';

const ROOT = path.join(__dirname, '..', '..', '..');
const configWith = (env: Record<string, string> = {}) => configFromEnv(parseEnv(env));

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

const propertySubscriptions = (env: Record<string, string>) =>
  webhookSubscriptions(configWith(env).mapping, configWith(env).scope)
    .crmObjects.filter((s) => s.subscriptionType === 'object.propertyChange' && s.objectType === 'company')
    .map((s) => s.propertyName);

describe('the shipped hubspot/ folder', () => {
  it('is exactly the generator output for the default settings and the placeholder URL', async () => {
    const expected = hubspotProjectFiles({ webhookUrl: PLACEHOLDER_WEBHOOK_URL, mapping: configWith().mapping, scope: configWith().scope });
    const dir = path.join(ROOT, 'hubspot');
    expect(await listFiles(dir)).toEqual(expected.map((f) => f.path).sort());
    for (const file of expected) expect({ path: file.path, content: await readFile(path.join(dir, file.path), 'utf8') }).toEqual(file);
  });

  it('declares a 2026.03 project with a private static-auth app asking for oauth, the read scopes of the default scope (closed-won) and the write scopes of the write-back (on by default)', () => {
    const files = Object.fromEntries(hubspotProjectFiles({ webhookUrl: PLACEHOLDER_WEBHOOK_URL, mapping: configWith().mapping, scope: configWith().scope }).map((f) => [f.path, JSON.parse(f.content)]));
    expect(files['hsproject.json']).toEqual({ name: 'crm-sequence-sync', srcDir: 'src', platformVersion: '2026.03' });
    expect(files['src/app/app-hsmeta.json']).toMatchObject({
      type: 'app',
      config: {
        distribution: 'private',
        auth: {
          type: 'static',
          requiredScopes: ['oauth', 'crm.objects.companies.read', 'crm.objects.contacts.read', 'crm.objects.deals.read', 'crm.objects.companies.write', 'crm.schemas.companies.write'],
        },
      },
    });
    expect(files['src/app/app-hsmeta.json'].config.auth.requiredScopes).toEqual(['oauth', ...REQUIRED_SCOPES, DEAL_SCOPE, ...WRITE_BACK_SCOPES]);
    expect(files['src/app/webhooks/webhooks-hsmeta.json']).toMatchObject({
      type: 'webhooks',
      config: { settings: { targetUrl: PLACEHOLDER_WEBHOOK_URL, maxConcurrentRequests: 10 } },
    });
  });
});

describe('HUBSPOT_WRITE_BACK', () => {
  it('off: the app asks for exactly the read scopes of the billing scope, and says it only reads', () => {
    const config = configWith({ HUBSPOT_WRITE_BACK: 'false' });
    const app = JSON.parse(hubspotProjectFiles({ webhookUrl: PLACEHOLDER_WEBHOOK_URL, mapping: config.mapping, scope: config.scope, writeBack: config.hubspot.writeBack })[1]!.content);
    expect(app.config.auth.requiredScopes).toEqual(['oauth', ...REQUIRED_SCOPES, DEAL_SCOPE]);
    expect(app.config.description).toContain('read-only access to companies, contacts and deals');
  });

  it('the command writes the scopes the settings ask for (the write-back and the billing scope)', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'css-project-'));
    const scopesWritten = async (env: Record<string, string>) => {
      await runHubSpotProject({ webhookUrl: PLACEHOLDER_WEBHOOK_URL, out }, configWith(env), { write: () => true } as unknown as NodeJS.WritableStream);
      return JSON.parse(await readFile(path.join(out, 'src/app/app-hsmeta.json'), 'utf8')).config.auth.requiredScopes;
    };
    try {
      expect(await scopesWritten({ HUBSPOT_WRITE_BACK: 'false' })).toEqual(['oauth', ...REQUIRED_SCOPES, DEAL_SCOPE]);
      expect(await scopesWritten({ BILLING_SCOPE: 'all' })).toEqual(['oauth', ...REQUIRED_SCOPES, ...WRITE_BACK_SCOPES]);
      expect(await scopesWritten({ BILLING_SCOPE: 'lifecycle:customer', HUBSPOT_WRITE_BACK: 'false' })).toEqual(['oauth', ...REQUIRED_SCOPES]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('the write-back properties are read with every company but never subscribed to, even when a setting or the billing scope names them', () => {
    const env = { LABEL_PROPERTY: 'sequence_billing_status', CUSTOM_PROPERTIES: '{"id":"sequence_customer_id"}' };
    const mapping = configWith(env).mapping;
    expect(companyPropertiesToRead(mapping)).toEqual(expect.arrayContaining([...WRITE_BACK_PROPERTY_NAMES]));
    for (const scope of [{ kind: 'closed-won', pipelines: [] }, { kind: 'all' }, { kind: 'property', name: 'sequence_last_written_at' }] as BillingScope[]) {
      const subscribed = webhookSubscriptions(mapping, scope).crmObjects.map((s) => s.propertyName);
      for (const name of WRITE_BACK_PROPERTY_NAMES) expect(subscribed).not.toContain(name);
    }
    expect(companyPropertiesToRead(configWith({ HUBSPOT_WRITE_BACK: 'false' }).mapping)).not.toContain('sequence_billing_status');
  });
});

describe('the placeholder target URL', () => {
  it('cannot reach anyone: a name under .invalid, which never resolves, saying what to do', () => {
    const url = new URL(PLACEHOLDER_WEBHOOK_URL);
    expect(url.hostname.endsWith('.invalid')).toBe(true);
    expect(url.hostname).toContain('replace-with-your-domain');
  });
});

describe('the project follows the billing scope', () => {
  const files = (scope: BillingScope, platformVersion?: string) =>
    Object.fromEntries(hubspotProjectFiles({ webhookUrl: PLACEHOLDER_WEBHOOK_URL, mapping: configWith().mapping, scope, platformVersion }).map((f) => [f.path, JSON.parse(f.content)]));
  const extra = (scope: BillingScope) => {
    const all = webhookSubscriptions(configWith().mapping, { kind: 'all' }).crmObjects.map((s) => JSON.stringify(s));
    return webhookSubscriptions(configWith().mapping, scope).crmObjects.filter((s) => !all.includes(JSON.stringify(s)));
  };

  it('closed-won: the deal scope, deal creation, stage and pipeline changes and deal association changes', () => {
    expect(extra({ kind: 'closed-won', pipelines: [] })).toEqual([
      { subscriptionType: 'object.creation', objectType: 'deal', active: true },
      { subscriptionType: 'object.propertyChange', objectType: 'deal', propertyName: 'dealstage', active: true },
      { subscriptionType: 'object.propertyChange', objectType: 'deal', propertyName: 'pipeline', active: true },
      { subscriptionType: 'object.associationChange', objectType: 'deal', active: true },
    ]);
  });

  it('lifecycle: and property: the company property they read, and no deal scope (the write scopes still, with the write-back)', () => {
    expect(extra({ kind: 'lifecycle', stages: ['customer'] })).toEqual([{ subscriptionType: 'object.propertyChange', objectType: 'company', propertyName: 'lifecyclestage', active: true }]);
    expect(extra({ kind: 'property', name: 'billing_enabled' })).toEqual([{ subscriptionType: 'object.propertyChange', objectType: 'company', propertyName: 'billing_enabled', active: true }]);
    expect(files({ kind: 'property', name: 'billing_enabled' })['src/app/app-hsmeta.json'].config.auth.requiredScopes).toEqual(['oauth', ...REQUIRED_SCOPES, ...WRITE_BACK_SCOPES]);
  });

  it('all: nothing extra', () => {
    expect(extra({ kind: 'all' })).toEqual([]);
    expect(files({ kind: 'all' })['src/app/app-hsmeta.json'].config.auth.requiredScopes).toEqual(['oauth', ...REQUIRED_SCOPES, ...WRITE_BACK_SCOPES]);
  });

  it('--platform-version sets the project version; 2026.03 by default', () => {
    expect(DEFAULT_PLATFORM_VERSION).toBe('2026.03');
    expect(files({ kind: 'all' }, '2026.09')['hsproject.json'].platformVersion).toBe('2026.09');
  });
});

describe('webhook subscriptions', () => {
  it('cover company creation, deletion, restore, merge, association changes, contact changes, deletions and privacy deletions', () => {
    const subs = webhookSubscriptions(configWith().mapping, { kind: 'all' });
    const company = subs.crmObjects.filter((s) => s.objectType === 'company' && !s.propertyName).map((s) => s.subscriptionType);
    expect(company.sort()).toEqual(['object.associationChange', 'object.creation', 'object.deletion', 'object.merge', 'object.restore']);
    const contact = subs.crmObjects.filter((s) => s.objectType === 'contact');
    expect(contact.map((s) => [s.subscriptionType, s.propertyName])).toEqual([
      ['object.propertyChange', 'email'],
      ['object.propertyChange', 'firstname'],
      ['object.propertyChange', 'lastname'],
      ['object.deletion', undefined],
    ]);
    expect(subs.hubEvents).toEqual([{ subscriptionType: 'contact.privacyDeletion', active: true }]);
    expect(subs.crmObjects.every((s) => s.active)).toBe(true);
  });

  it('subscribe to a property change for each company property the mapping reads, by default', () => {
    expect(propertySubscriptions({})).toEqual(['address', 'address2', 'city', 'country', 'domain', 'name', 'state', 'website', 'zip']);
    expect(propertySubscriptions({ BILLING_SCOPE: 'lifecycle:customer' })).toContain('lifecyclestage');
  });

  it('follow the settings: CUSTOM_PROPERTIES, TAX_STATUS_PROPERTY, LABEL_PROPERTY and COMPANY_PROPERTY_MAP', () => {
    expect(propertySubscriptions({ CUSTOM_PROPERTIES: '{"industry":"industry"}' })).toContain('industry');
    expect(propertySubscriptions({})).not.toContain('industry');
    const names = propertySubscriptions({ TAX_STATUS_PROPERTY: 'vat_status', LABEL_PROPERTY: 'segment', COMPANY_PROPERTY_MAP: '{"legalName":"legal_name"}' });
    expect(names).toEqual(expect.arrayContaining(['vat_status', 'segment', 'legal_name']));
    expect(names).not.toContain('name');
  });

  it('are the properties the sync asks HubSpot for, less the ones HubSpot sends no change events for', () => {
    const mapping = configWith({ CUSTOM_PROPERTIES: '{"a":"industry","b":"hs_lastmodifieddate"}', COMPANY_PROPERTY_MAP: '{"town":"billing_city"}' }).mapping;
    const subscribed = propertySubscriptions({ CUSTOM_PROPERTIES: '{"a":"industry","b":"hs_lastmodifieddate"}', COMPANY_PROPERTY_MAP: '{"town":"billing_city"}' });
    expect(new Set(subscribed)).toEqual(new Set(mappedCompanyProperties(mapping).filter((n) => n !== 'hs_lastmodifieddate')));
    for (const name of subscribed) expect(companyPropertiesToRead(mapping)).toContain(name);
  });
});

describe('the subscribed properties are the ones the mapper reads', () => {
  // The whole outcome (request or problems, and warnings): a property the mapper reads changes it.
  const requestOf = (b: ReturnType<typeof bundle>, mapping = mappingConfig()) => JSON.stringify(mapCompanyToCustomer(b, mapping));

  it('a change to each subscribed company property changes the customer; COMPANY_PROPERTIES outside the mapping do not', () => {
    const mapping = mappingConfig({ customProperties: { industry: 'industry' }, labelProperty: 'segment', taxStatusProperty: 'vat', taxStatusValues: { x: 'TAX_EXEMPT' } });
    // A US address, where the state is sent.
    const base = bundle({ industry: 'Retail', segment: 'SMB', vat: '', address2: 'Floor 2', city: 'New York', zip: '10001', state: 'NY', country: 'United States' });
    expect(mapCompanyToCustomer(base, mapping).ok).toBe(true);
    const before = requestOf(base, mapping);
    const values: Record<string, string> = { country: 'Canada', domain: 'other.example', website: 'https://other.example', vat: 'x', state: 'NJ', zip: '10002' };
    for (const name of mappedCompanyProperties(mapping)) {
      const changed = bundle({ ...base.company.properties, [name]: values[name] ?? `${base.company.properties[name] ?? ''} changed` });
      if (name === 'domain') delete changed.company.properties.website; // the website wins over the domain
      const baseline = name === 'domain' ? requestOf(bundle({ ...base.company.properties, website: null }), mapping) : before;
      expect({ name, changed: requestOf(changed, mapping) !== baseline }).toEqual({ name, changed: true });
    }
    for (const name of ['phone', 'hs_lastmodifieddate']) {
      expect(requestOf(bundle({ ...base.company.properties, [name]: 'whatever' }), mapping)).toBe(before);
    }
  });

  it('a change to each subscribed contact property changes the customer; other contact properties do not', () => {
    expect(mapCompanyToCustomer(bundle(), mappingConfig()).ok).toBe(true);
    const before = requestOf(bundle());
    for (const name of MAPPED_CONTACT_PROPERTIES) {
      const value = name === 'email' ? 'new@acme.example' : 'Changed';
      expect({ name, changed: requestOf(bundle({}, [contact('501', { ...defaultContact.properties, [name]: value })])) !== before }).toEqual({ name, changed: true });
    }
    for (const name of CONTACT_PROPERTIES.filter((n) => !(MAPPED_CONTACT_PROPERTIES as readonly string[]).includes(n) && n !== 'createdate')) {
      expect(requestOf(bundle({}, [contact('501', { ...defaultContact.properties, [name]: 'whatever' })]))).toBe(before);
    }
  });
});

describe('crm-sequence-sync hubspot-project', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hs-project-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const sink = () => {
    const chunks: string[] = [];
    return { stream: { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream, text: () => chunks.join('') };
  };

  it('writes the --platform-version asked for, and refuses one that is not a platform version', async () => {
    expect(await runHubSpotProject({ webhookUrl: 'https://hooks.acme.test/webhooks/hubspot', out: dir, platformVersion: '2026.09' }, configWith(), sink().stream)).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, 'hsproject.json'), 'utf8')).platformVersion).toBe('2026.09');
    await expect(runHubSpotProject({ webhookUrl: 'https://hooks.acme.test/webhooks/hubspot', out: dir, platformVersion: '2025.2' }, configWith(), sink().stream)).rejects.toThrow(/--platform-version must be a date-based HubSpot platform version/);
  });

  it('writes the project for the configured settings', async () => {
    const out = sink();
    const config = configWith({ CUSTOM_PROPERTIES: '{"industry":"industry"}' });
    const code = await runHubSpotProject({ webhookUrl: 'https://hooks.acme.test/webhooks/hubspot', out: dir }, config, out.stream);
    expect(code).toBe(0);
    const webhooks = JSON.parse(await readFile(path.join(dir, 'src/app/webhooks/webhooks-hsmeta.json'), 'utf8'));
    expect(webhooks.config.settings.targetUrl).toBe('https://hooks.acme.test/webhooks/hubspot');
    expect(webhooks.config.subscriptions.crmObjects).toContainEqual({ subscriptionType: 'object.propertyChange', objectType: 'company', propertyName: 'industry', active: true });
    expect(out.text()).toContain('hs project upload');
  });

  it.each([['not a url'], ['http://hooks.acme.test/webhooks/hubspot'], ['https://user:pw@hooks.acme.test/webhooks/hubspot']])('refuses %j with a usage error', async (url) => {
    await expect(runHubSpotProject({ webhookUrl: url, out: dir }, configWith(), sink().stream)).rejects.toThrow(UsageError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('needs a URL: --webhook-url or WEBHOOK_PUBLIC_URL', async () => {
    await expect(runHubSpotProject({ out: dir }, configWith(), sink().stream)).rejects.toThrow(/--webhook-url is required/);
    const code = await runHubSpotProject({ out: dir }, configWith({ WEBHOOK_PUBLIC_URL: 'https://hooks.acme.test/webhooks/hubspot' }), sink().stream);
    expect(code).toBe(0);
  });

  it('exits 2 with the reason on a bad URL (real process)', () => {
    const result = runCli(['hubspot-project', '--webhook-url', 'ftp://x', '--out', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--webhook-url must be an https:// URL');
  });
});
