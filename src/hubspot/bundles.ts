/**
 * Everything the mapper needs for a batch of companies, fetched with as few calls as HubSpot allows:
 * the companies (unless a reconciliation page already brought them), their contact associations, and
 * the associated contacts, each contact read once however many companies share it.
 */
import type { HubSpotGateway } from './gateway';
import type { CompanyBundle, HubSpotCompany, HubSpotDeal } from './types';

export interface BundleRequest {
  companyIds: readonly string[];
  /** Companies already read (with the properties the mapper needs); the rest are read by id. */
  companies?: readonly HubSpotCompany[];
  properties: readonly string[];
}

export interface BundleResult {
  bundles: CompanyBundle[];
  /** Ids HubSpot does not know (deleted or merged away). */
  missing: string[];
}

export async function fetchCompanyBundles(gateway: HubSpotGateway, request: BundleRequest): Promise<BundleResult> {
  const read = await readRequestedCompanies(gateway, request);
  return { bundles: await attachContacts(gateway, read.companies), missing: read.missing };
}

/** The companies asked for: those already read (a reconciliation page) and the rest read by id. */
export async function readRequestedCompanies(gateway: HubSpotGateway, request: BundleRequest): Promise<{ companies: HubSpotCompany[]; missing: string[] }> {
  const wanted = new Set(request.companyIds);
  const known = (request.companies ?? []).filter((c) => wanted.has(c.id));
  const knownIds = new Set(known.map((c) => c.id));
  const toRead = request.companyIds.filter((id) => !knownIds.has(id));
  const read = toRead.length ? await gateway.readCompanies(toRead, request.properties) : { companies: [], missing: [] };
  return { companies: [...known, ...read.companies], missing: read.missing };
}

/** Each company with its associated contacts: one association call per 1,000 companies, each contact read once. */
export async function attachContacts(gateway: HubSpotGateway, companies: readonly HubSpotCompany[]): Promise<CompanyBundle[]> {
  if (!companies.length) return [];
  const associations = await gateway.readCompanyContacts(companies.map((c) => c.id));
  const contactIds = new Set<string>();
  for (const list of associations.values()) for (const a of list) contactIds.add(a.contactId);
  const contacts = contactIds.size ? await gateway.readContacts([...contactIds]) : new Map();

  return companies.map((company): CompanyBundle => ({
    company,
    contacts: (associations.get(company.id) ?? []).flatMap((association) => {
      const contact = contacts.get(association.contactId);
      return contact ? [{ ...contact, associationTypes: association.types }] : [];
    }),
  }));
}

/** Each company's deals (closed-won scope): associations, then the deals, each deal read once. */
export async function fetchCompanyDeals(gateway: Pick<HubSpotGateway, 'readCompanyDeals' | 'readDeals'>, companyIds: readonly string[]): Promise<Map<string, HubSpotDeal[]>> {
  const out = new Map<string, HubSpotDeal[]>();
  if (!companyIds.length) return out;
  const byCompany = await gateway.readCompanyDeals(companyIds);
  const dealIds = [...new Set([...byCompany.values()].flat())];
  const deals = dealIds.length ? await gateway.readDeals(dealIds) : new Map<string, HubSpotDeal>();
  for (const companyId of companyIds) {
    out.set(companyId, (byCompany.get(companyId) ?? []).flatMap((id) => deals.get(id) ?? []));
  }
  return out;
}
