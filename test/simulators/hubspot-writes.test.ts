/**
 * The HubSpot simulator's writes and parent companies, over the dated paths with plain HTTP (as the
 * service calls them through `apiRequest`): the properties API (groups, properties, 409 when they
 * exist), batch update of companies (checked values, 100 inputs, partial answers per version, the
 * modification time moving), the write scopes, and company ↔ company parent associations.
 */
import { startHubSpotSimulator, type HubSpotSimulator } from '../../src/simulators/hubspot';

const TOKEN = 'hubspot-test-token';
let sim: HubSpotSimulator;

beforeAll(async () => {
  sim = await startHubSpotSimulator({
    rateLimitPer10s: 0,
    searchRateLimitPerSecond: 0,
    refuseNumberedPaths: true,
    scopedTokens: {
      'read-only': ['crm.objects.companies.read', 'crm.objects.contacts.read'],
      'objects-write': ['crm.objects.companies.read', 'crm.objects.companies.write'],
    },
  });
});
afterAll(async () => {
  await sim.close();
});

async function call(method: string, path: string, body?: unknown, token = TOKEN): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const V = '2026-09';

describe('properties API', () => {
  it('creates a group and properties once; creating them again answers 409', async () => {
    const group = await call('POST', `/crm/properties/${V}/companies/groups`, { name: 'billing_sim', label: 'Billing', displayOrder: 5 });
    expect(group.status).toBe(201);
    expect(group.body).toEqual({ name: 'billing_sim', label: 'Billing', displayOrder: 5, archived: false });
    expect((await call('POST', `/crm/properties/${V}/companies/groups`, { name: 'billing_sim', label: 'Billing' })).status).toBe(409);

    const property = await call('POST', `/crm/properties/${V}/companies`, {
      name: 'billing_state',
      label: 'Billing state',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'billing_sim',
      options: [
        { label: 'Synced', value: 'synced', displayOrder: 0, hidden: false },
        { label: 'Cannot be billed', value: 'cannot_be_billed', displayOrder: 1, hidden: false },
      ],
    });
    expect(property.status).toBe(201);
    expect(property.body).toMatchObject({ name: 'billing_state', type: 'enumeration', groupName: 'billing_sim', hubspotDefined: false });
    const again = await call('POST', `/crm/properties/${V}/companies`, { name: 'billing_state', label: 'x', type: 'string', fieldType: 'text', groupName: 'billing_sim' });
    expect(again).toMatchObject({ status: 409, body: { category: 'OBJECT_ALREADY_EXISTS' } });

    const listed = await call('GET', `/crm/properties/${V}/companies`);
    expect((listed.body.results as { name: string }[]).map((p) => p.name)).toEqual(expect.arrayContaining(['name', 'country', 'billing_state']));
    expect((await call('GET', `/crm/properties/${V}/companies/billing_state`)).body).toMatchObject({ name: 'billing_state', options: [{ value: 'synced' }, { value: 'cannot_be_billed' }] });
    expect((await call('GET', `/crm/properties/${V}/companies/nothing_here`)).status).toBe(404);
    expect((await call('GET', `/crm/properties/${V}/companies/groups`)).body.results).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'billing_sim' })]));
  });

  it('refuses a property in a missing group, an enumeration without options, a wrong field type or name', async () => {
    const base = { label: 'L', type: 'string', fieldType: 'text', groupName: 'companyinformation' };
    expect((await call('POST', `/crm/properties/${V}/companies`, { ...base, name: 'p1', groupName: 'no_such_group' })).status).toBe(400);
    expect((await call('POST', `/crm/properties/${V}/companies`, { ...base, name: 'p2', type: 'enumeration', fieldType: 'select' })).status).toBe(400);
    expect((await call('POST', `/crm/properties/${V}/companies`, { ...base, name: 'p3', type: 'datetime', fieldType: 'text' })).status).toBe(400);
    expect((await call('POST', `/crm/properties/${V}/companies`, { ...base, name: 'Bad Name' })).status).toBe(400);
    expect((await call('POST', `/crm/properties/${V}/companies`, { name: 'p4', label: 'L' })).status).toBe(400);
  });

  it('needs crm.schemas.companies.write to create, and a read scope to list', async () => {
    const refused = await call('POST', `/crm/properties/${V}/companies/groups`, { name: 'g2', label: 'G' }, 'read-only');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ category: 'MISSING_SCOPES', errors: [{ context: { requiredGranularScopes: ['crm.schemas.companies.write'] } }] });
    expect((await call('GET', `/crm/properties/${V}/companies`, undefined, 'read-only')).status).toBe(200);
  });
});

describe('batch update of companies', () => {
  beforeAll(async () => {
    await call('POST', `/crm/properties/${V}/companies/groups`, { name: 'upd', label: 'Updates' });
    await call('POST', `/crm/properties/${V}/companies`, { name: 'upd_text', label: 'Text', type: 'string', fieldType: 'textarea', groupName: 'upd' });
    await call('POST', `/crm/properties/${V}/companies`, { name: 'upd_at', label: 'At', type: 'datetime', fieldType: 'date', groupName: 'upd' });
    await call('POST', `/crm/properties/${V}/companies`, {
      name: 'upd_state',
      label: 'State',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'upd',
      options: [{ label: 'A', value: 'a', displayOrder: 0, hidden: false }],
    });
  });

  it('writes the values, clears on "", normalises datetimes and moves hs_lastmodifieddate', async () => {
    const company = sim.store.createCompany({ name: 'Writable', upd_text: 'old' }, { createdAt: Date.now() - 60_000 });
    const before = sim.store.getCompany(company.id)!.updatedAt;
    const writes = sim.store.apiWrites.objectUpdates;
    const answer = await call('POST', `/crm/objects/${V}/companies/batch/update`, {
      inputs: [{ id: company.id, properties: { upd_text: '', upd_at: '1767225600000', upd_state: 'a' } }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'COMPLETE', results: [{ id: company.id, properties: { upd_at: '2026-01-01T00:00:00.000Z', upd_state: 'a' } }] });
    const after = sim.store.getCompany(company.id)!;
    expect(after.properties.upd_text).toBeUndefined();
    expect(after.properties.upd_state).toBe('a');
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before));
    expect(sim.store.apiWrites.objectUpdates).toBe(writes + 1);
  });

  it('refuses the whole batch for an unknown property, a wrong option or datetime, a read-only property', async () => {
    const company = sim.store.createCompany({ name: 'Untouched' });
    for (const properties of [{ no_such_property: 'x' }, { upd_state: 'z' }, { upd_at: 'yesterday' }, { hs_parent_company_id: '1' }]) {
      const answer = await call('POST', `/crm/objects/${V}/companies/batch/update`, { inputs: [{ id: company.id, properties: { upd_text: 'should not land' } }, { id: company.id, properties }] });
      expect(answer).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
    }
    expect(sim.store.getCompany(company.id)!.properties.upd_text).toBeUndefined();
  });

  it('takes at most 100 inputs', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1), properties: { upd_text: 'x' } }));
    expect((await call('POST', `/crm/objects/${V}/companies/batch/update`, { inputs })).status).toBe(400);
  });

  it.each([
    ['2026-03', 207],
    ['2026-09', 200],
  ] as const)('on %s answers missing ids as %i with errors, writing the others', async (version, status) => {
    const company = sim.store.createCompany({ name: 'Partly' });
    const answer = await call('POST', `/crm/objects/${version}/companies/batch/update`, { inputs: [{ id: company.id, properties: { upd_text: version } }, { id: '999999' }].map((i) => ({ properties: {}, ...i })) });
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ numErrors: 1, errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['999999'] } }] });
    expect(sim.store.getCompany(company.id)!.properties.upd_text).toBe(version);
  });

  it('needs crm.objects.companies.write', async () => {
    const company = sim.store.createCompany({ name: 'Scoped' });
    const refused = await call('POST', `/crm/objects/${V}/companies/batch/update`, { inputs: [{ id: company.id, properties: { upd_text: 'x' } }] }, 'read-only');
    expect(refused).toMatchObject({ status: 403, body: { category: 'MISSING_SCOPES', errors: [{ context: { requiredGranularScopes: ['crm.objects.companies.write'] } }] } });
    expect((await call('POST', `/crm/objects/${V}/companies/batch/update`, { inputs: [{ id: company.id, properties: { upd_text: 'x' } }] }, 'objects-write')).status).toBe(200);
    // A batch read stays a read.
    expect((await call('POST', `/crm/objects/${V}/companies/batch/read`, { inputs: [{ id: company.id }], properties: [], propertiesWithHistory: [] }, 'read-only')).status).toBe(200);
  });
});

describe('parent and child companies', () => {
  it('answers company → company associations with 14 for the parent and 13 for each child', async () => {
    const top = sim.store.createCompany({ name: 'Holding' });
    const middle = sim.store.createCompany({ name: 'Division' });
    const leaf = sim.store.createCompany({ name: 'Branch' });
    const loner = sim.store.createCompany({ name: 'Alone' });
    sim.store.setParentCompany(middle.id, top.id);
    sim.store.setParentCompany(leaf.id, middle.id);
    const before = sim.store.getCompany(leaf.id)!.updatedAt;

    const answer = await call('POST', `/crm/associations/${V}/companies/companies/batch/read`, { inputs: [{ id: middle.id }, { id: loner.id }] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ numErrors: 1, errors: [{ subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', context: { fromObjectId: [loner.id] } }] });
    expect(answer.body.results).toEqual([
      {
        from: { id: middle.id },
        to: [
          { toObjectId: Number(top.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 14, label: null }] },
          { toObjectId: Number(leaf.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 13, label: null }] },
        ],
      },
    ]);
    const read = await call('POST', `/crm/objects/${V}/companies/batch/read`, { inputs: [{ id: leaf.id }, { id: top.id }], properties: ['hs_parent_company_id', 'hs_num_child_companies'], propertiesWithHistory: [] });
    expect((read.body.results as { properties: Record<string, unknown> }[]).map((r) => [r.properties.hs_parent_company_id, r.properties.hs_num_child_companies])).toEqual([
      [middle.id, '0'],
      [null, '1'],
    ]);
    expect(sim.store.getCompany(leaf.id)!.updatedAt).toBe(before);
    expect((await call('GET', `/crm/associations/${V}/companies/companies/labels`)).body.results).toEqual([
      { category: 'HUBSPOT_DEFINED', typeId: 13, label: null },
      { category: 'HUBSPOT_DEFINED', typeId: 14, label: null },
    ]);
  });

  it('keeps one parent per company, and hides archived ones', () => {
    const a = sim.store.createCompany({ name: 'A' });
    const b = sim.store.createCompany({ name: 'B' });
    const child = sim.store.createCompany({ name: 'Child' });
    sim.store.setParentCompany(child.id, a.id);
    sim.store.setParentCompany(child.id, b.id);
    expect(sim.store.getParentCompany(child.id)).toBe(b.id);
    expect(sim.store.getChildCompanies(a.id)).toEqual([]);
    sim.store.deleteCompany(b.id);
    expect(sim.store.getParentCompany(child.id)).toBeUndefined();
    sim.store.setParentCompany(child.id, null);
    expect(() => sim.store.setParentCompany(child.id, child.id)).toThrow(/own parent/);
  });

  it('a merge keeps the associations of both: the merged-away company\'s children and (when the survivor has none) its parent go to the survivor', () => {
    const holding = sim.store.createCompany({ name: 'Holding' });
    const group = sim.store.createCompany({ name: 'Group' });
    const survivor = sim.store.createCompany({ name: 'Survivor' });
    const [c1, c2] = [sim.store.createCompany({ name: 'C1' }), sim.store.createCompany({ name: 'C2' })];
    sim.store.setParentCompany(group.id, holding.id);
    sim.store.setParentCompany(c1.id, group.id);
    sim.store.setParentCompany(c2.id, group.id);
    sim.store.mergeCompanies(survivor.id, group.id);
    expect(sim.store.getChildCompanies(survivor.id)).toEqual([c1.id, c2.id]);
    expect(sim.store.getParentCompany(c1.id)).toBe(survivor.id);
    expect(sim.store.getParentCompany(survivor.id)).toBe(holding.id);
    expect(sim.store.getChildCompanies(holding.id)).toEqual([survivor.id]);

    // The survivor's own parent stays; a survivor that was the merged company's child loses that parent.
    const other = sim.store.createCompany({ name: 'Other parent' });
    const sub = sim.store.createCompany({ name: 'Sub' });
    sim.store.setParentCompany(sub.id, survivor.id);
    const mergedWithParent = sim.store.createCompany({ name: 'Merged' });
    sim.store.setParentCompany(mergedWithParent.id, other.id);
    sim.store.mergeCompanies(survivor.id, mergedWithParent.id);
    expect(sim.store.getParentCompany(survivor.id)).toBe(holding.id);
    sim.store.mergeCompanies(sub.id, survivor.id);
    expect(sim.store.getParentCompany(sub.id)).toBe(holding.id);
    expect(sim.store.getChildCompanies(sub.id)).toEqual([c1.id, c2.id]);
  });
});
