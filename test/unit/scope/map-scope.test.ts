/** `map` takes the company's deals in its input and says whether the company is in the billing scope. */
import { join } from 'node:path';
import { runMapCommand } from '../mappers/fixtures';
import type { BillingScope } from '../../../src/scope';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const closedWon: BillingScope = { kind: 'closed-won', pipelines: [] };

describe('map and the billing scope', () => {
  it('examples/company.json has a won deal: in scope, exit 0', async () => {
    const { code, stderr } = await runMapCommand({ file: join(EXAMPLES, 'company.json') }, '', { scope: closedWon });
    expect(code).toBe(0);
    expect(stderr).toContain('BILLING_SCOPE=closed-won: in scope (won deal 9120055 (Closed Won, Sales Pipeline)): a customer is created for it');
  });

  it('examples/company-prospect.json has only open deals: the request is printed, exit 3, saying why', async () => {
    const { code, stdout, stderr } = await runMapCommand({ file: join(EXAMPLES, 'company-prospect.json') }, '', { scope: closedWon });
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ legalName: 'Fabrikam Prospects Ltd' });
    expect(stderr).toContain('BILLING_SCOPE=closed-won: out of scope (no won deal: 2 open deals in Sales Pipeline): no customer would be created for it; one it already has would still be updated');
    const lifecycle = await runMapCommand({ file: join(EXAMPLES, 'company-prospect.json') }, '', { scope: { kind: 'lifecycle', stages: ['opportunity'] } });
    expect(lifecycle.code).toBe(0);
  });

  it('reads custom pipelines from the input', async () => {
    const input = {
      company: { id: '5', properties: { name: 'Renewed Co', address: '1 High St', city: 'Leeds', zip: 'LS1 1AA', country: 'GB' } },
      contacts: [{ id: '6', properties: { email: 'ap@renewed.example' }, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' }] }],
      deals: [{ id: 77, properties: { dealstage: '1002', pipeline: '900' } }],
      pipelines: [{ id: '900', label: 'Renewals', stages: [{ id: '1001', label: 'Up for renewal', metadata: { probability: '0.5', isClosed: 'false' } }, { id: '1002', label: 'Renewed', metadata: { probability: '1.0', isClosed: 'true' } }] }],
    };
    const { code, stderr } = await runMapCommand({}, JSON.stringify(input), { scope: closedWon });
    expect(code).toBe(0);
    expect(stderr).toContain('in scope (won deal 77 (Renewed, Renewals))');
  });

  it('map --jsonl gives each result its scope and counts those out of it', async () => {
    const lines = [join(EXAMPLES, 'company.json'), join(EXAMPLES, 'company-prospect.json')].map((file) => JSON.stringify(require(file)));
    const { code, stdout, stderr } = await runMapCommand({ jsonl: true }, `${lines.join('\n')}\n`, { scope: closedWon });
    expect(code).toBe(0);
    const results = stdout.trim().split('\n').map((l) => JSON.parse(l) as { scope: { inScope: boolean } });
    expect(results.map((r) => r.scope.inScope)).toEqual([true, false]);
    expect(stderr).toContain('out of BILLING_SCOPE=closed-won: 1 (no customer would be created for them)');
  });

  it('without a scope (the mapping alone), nothing changes', async () => {
    const { code, stderr } = await runMapCommand({ file: join(EXAMPLES, 'company-prospect.json') });
    expect(code).toBe(0);
    expect(stderr).not.toContain('BILLING_SCOPE');
  });
});
