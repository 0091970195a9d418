/**
 * The seed data of the HubSpot simulator: deterministic, messy in the ways real portals are, and fast.
 */
import { HubSpotStore, seedCompanies } from '../../src/simulators/hubspot';

function snapshot(store: HubSpotStore, n: number): unknown[] {
  return store
    .companyIds()
    .slice(0, n)
    .map((id) => ({
      company: store.getCompany(id),
      contacts: store.getCompanyContacts(id).map((c) => ({ ...c, contact: store.getContact(c.id) })),
    }));
}

describe('seedCompanies', () => {
  it('is deterministic for a seed', () => {
    const a = new HubSpotStore();
    const b = new HubSpotStore();
    const c = new HubSpotStore();
    const sa = seedCompanies(a, { count: 300, seed: 11 });
    const sb = seedCompanies(b, { count: 300, seed: 11 });
    seedCompanies(c, { count: 300, seed: 12 });
    expect(snapshot(a, 300)).toEqual(snapshot(b, 300));
    expect(snapshot(a, 300)).not.toEqual(snapshot(c, 300));
    expect([...sa.unbillable]).toEqual([...sb.unbillable]);
  });

  it('produces messy but plausible data, with the unbillable share asked for', () => {
    const store = new HubSpotStore();
    const summary = seedCompanies(store, { count: 5_000, contactsPerCompany: 3, seed: 3, unbillableRatio: 0.1 });
    const companies = [...store.companies()];
    const values = (name: string) => new Set(companies.map((c) => c.properties[name]));
    const countries = values('country');
    for (const spelling of ['USA', 'United States', 'U.K.', 'Deutschland', 'France', 'GB', 'CAN', 'Narnia']) expect(countries).toContain(spelling);
    const states = values('state');
    for (const spelling of ['NY', 'new york', 'Ont.', 'ON', 'Calif.']) expect(states).toContain(spelling);
    const websites = companies.map((c) => c.properties.website).filter((w): w is string => typeof w === 'string');
    expect(websites.some((w) => w.startsWith('https://'))).toBe(true);
    expect(websites.some((w) => !/^https?:/i.test(w))).toBe(true);

    expect(summary.unbillable.size / 5_000).toBeGreaterThan(0.07);
    expect(summary.unbillable.size / 5_000).toBeLessThan(0.13);
    const reasons = new Set(summary.unbillable.values());
    for (const reason of ['no_contacts', 'unknown_country', 'missing_address', 'missing_city', 'missing_zip', 'us_without_state'] as const) expect(reasons).toContain(reason);
    for (const [id, reason] of summary.unbillable) {
      const company = store.getCompany(id);
      if (reason === 'no_contacts') expect(store.getCompanyContacts(id)).toEqual([]);
      if (reason === 'us_without_state') expect(company?.properties.state ?? '').toBe('');
      if (reason === 'missing_zip') expect(company?.properties.zip).toBeUndefined();
    }
    // Billable companies have at least one contact with an email.
    for (const company of companies.slice(0, 1_000)) {
      if (summary.unbillable.has(company.id)) continue;
      const emails = store.getCompanyContacts(company.id).map((c) => store.getContact(c.id)?.properties.email);
      expect(emails.some((e) => typeof e === 'string' && e.includes('@'))).toBe(true);
    }

    expect(summary.withBillingLabel).toBeGreaterThan(1_000);
    expect(summary.withPrimary).toBeGreaterThan(1_000);
    expect(summary.duplicateEmails).toBeGreaterThan(50);
    expect(summary.sharedContacts).toBeGreaterThan(0);
    const contacts = [...store.contacts()];
    expect(contacts.some((c) => c.properties.firstname === undefined && c.properties.lastname === undefined)).toBe(true);
    expect(contacts.some((c) => c.properties.email === undefined)).toBe(true);
    expect(store.labels().find((l) => l.label === 'Billing contact')?.typeId).toBe(summary.billingLabelTypeId);
    const avg = summary.contactIds.length / (5_000 - [...summary.unbillable.values()].filter((r) => r === 'no_contacts').length);
    expect(avg).toBeGreaterThan(2.5);
    expect(avg).toBeLessThan(3.5);
  });

  it('creates 100,000 companies with 3 contacts each', () => {
    const store = new HubSpotStore();
    const summary = seedCompanies(store, { count: 100_000, contactsPerCompany: 3, seed: 42 });
    expect(store.companyCount).toBe(100_000);
    expect(store.contactCount).toBeGreaterThan(270_000);
    expect(summary.associations).toBe(store.associationCount);
  });
});
