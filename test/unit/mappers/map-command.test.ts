import path from 'node:path';
import { CreateOrUpdateCustomerRequest } from '../../../src/sequence/schemas';
import { bundle, runMapCommand as run } from './fixtures';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

describe('crm-sequence-sync map', () => {
  test('examples/company.json: prints the request and exits 0', async () => {
    const { code, stdout, stderr } = await run({ file: path.join(EXAMPLES, 'company.json') });
    expect(code).toBe(0);
    const request: unknown = JSON.parse(stdout);
    expect(CreateOrUpdateCustomerRequest.safeParse(request).success).toBe(true);
    expect(request).toMatchObject({
      legalName: 'Northwind Traders Inc.',
      address: { state: 'NY', country: 'US' },
      url: 'https://www.northwind.example.com/en',
      customerAliases: ['hubspot-company-18230442871'],
      integrationIds: [{ service: 'HubSpot', id: '18230442871' }],
      contacts: [
        { email: 'accounts.payable@northwind.example.com', billingPreference: 'PRIMARY' },
        { name: 'Dana Whitfield', billingPreference: 'STANDARD' },
      ],
    });
    expect(stderr.trim().split('\n')).toEqual([
      'warning: contacts (contact 612): email "not-an-email" is not a valid email address; contact left out',
      'warning: contacts (contact 518): has the same email as contact 301 ("Dana.Whitfield@northwind.example.com"); merged into it',
    ]);
  });

  test('examples/company-unbillable.json: one line per problem, exit 1', async () => {
    const { code, stdout, stderr } = await run({ file: path.join(EXAMPLES, 'company-unbillable.json') });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toContain('address.country: HubSpot property "country" is "Narnia", not a country; set an ISO code or a country name');
    expect(lines).toContain('address.postcode: HubSpot property "zip" is empty; set the postal code of the company in HubSpot');
    expect(lines.filter((line) => line.startsWith('warning: '))).toHaveLength(3);
  });

  test('reads stdin when no file (or "-") is given', async () => {
    const input = JSON.stringify(bundle());
    for (const args of [{}, { file: '-' }]) {
      const { code, stdout } = await run(args, input);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ legalName: 'Acme Widgets Ltd' });
    }
  });

  test('output is byte-identical for the same input', async () => {
    const input = `\uFEFF${JSON.stringify(bundle())}`;
    const [a, b] = await Promise.all([run({}, input), run({}, input)]);
    expect(a.stdout).toBe(b.stdout);
  });

  test('malformed JSON: exit 2, names the source', async () => {
    const { code, stdout, stderr } = await run({}, '{"company": ');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^map: stdin is not valid JSON: /);
  });

  test('a wrong shape: exit 2, names the path', async () => {
    const { code, stderr } = await run({}, JSON.stringify({ company: { id: '1', properties: { name: 42 } }, contacts: [{ id: '' }] }));
    expect(code).toBe(2);
    expect(stderr).toContain('company.properties.name: ');
    expect(stderr).toContain('contacts[0].id: ');
  });

  test('a missing file: exit 2', async () => {
    const { code, stderr } = await run({ file: path.join(EXAMPLES, 'does-not-exist.json') });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^map: cannot read .*does-not-exist\.json: /);
  });
});
