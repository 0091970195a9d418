import type { HubSpotCompany } from '../../../src/hubspot/types';
import { confirmMerge } from '../../../src/sync/merge-companies';

/** HubSpot as a batch read sees it: each requested id answers with the record it resolves to (merged ids resolve to the survivor), deduplicated. */
function hubspot(records: Record<string, { mergedIds?: string[] }>, redirects: Record<string, string> = {}) {
  const requested: string[][] = [];
  return {
    requested,
    gateway: {
      async readCompanies(ids: readonly string[]) {
        requested.push([...ids]);
        const companies: HubSpotCompany[] = [];
        for (const id of ids) {
          const resolved = records[id] ? id : redirects[id];
          if (!resolved || companies.some((c) => c.id === resolved)) continue;
          companies.push({ id: resolved, properties: { hs_object_id: resolved, hs_merged_object_ids: records[resolved]?.mergedIds?.join(';') ?? null } });
        }
        return { companies, missing: ids.filter((id) => !records[id]) };
      },
    },
  };
}

describe('confirmMerge', () => {
  it('confirms ids the survivor lists as merged; an id that is simply gone is a deletion, not a merge', async () => {
    const h = hubspot({ '2': { mergedIds: ['3'] } }, { '3': '2' });
    expect(await confirmMerge(h, '2', ['3', '4'])).toEqual({ confirmed: true, merged: ['3'], gone: ['4'], problems: [] });
    expect(h.requested).toEqual([['2', '3', '4']]);
  });

  it('proves no merge from an id that is gone while the survivor lists nothing', async () => {
    const h = hubspot({ '2': {} });
    expect(await confirmMerge(h, '2', ['4'])).toEqual({ confirmed: true, merged: [], gone: ['4'], problems: [] });
  });

  it('refutes a merge while a named company still exists as its own company', async () => {
    const h = hubspot({ '2': { mergedIds: ['4'] }, '3': {} }, { '4': '2' });
    expect(await confirmMerge(h, '2', ['3', '4'])).toEqual({ confirmed: false, merged: ['4'], gone: [], problems: ['company 3 still exists in HubSpot as its own company'] });
  });

  it('refutes a merge into another company than the one named', async () => {
    const h = hubspot({ '2': {}, '9': { mergedIds: ['3'] } }, { '3': '9' });
    expect(await confirmMerge(h, '2', ['3'])).toEqual({ confirmed: false, merged: [], gone: [], problems: ['company 3 was merged into 9, not 2'] });
  });

  it('accepts a survivor that was given a new id, listing the old primary too', async () => {
    const h = hubspot({ '10': { mergedIds: ['2', '3'] } }, { '2': '10', '3': '10' });
    expect(await confirmMerge(h, '2', ['3'])).toMatchObject({ confirmed: true, merged: ['3'] });
    // As the webhook names it: the new id is the primary, the old primary is merged away.
    expect(await confirmMerge(h, '10', ['2', '3'])).toMatchObject({ confirmed: true, merged: ['2', '3'] });
  });
});
