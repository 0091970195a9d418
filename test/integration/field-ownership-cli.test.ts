/** FIELD_OWNERSHIP (and the other JSON settings' refusals) through the real command: a bad value is a configuration error (exit 2); `map` names the fields left to Sequence. */
import { join } from 'node:path';
import { runCli } from '../helpers/processes';

const ROOT = join(__dirname, '..', '..');

function map(fieldOwnership: string) {
  return runCli(['map', join(ROOT, 'examples/company.json')], { FIELD_OWNERSHIP: fieldOwnership });
}

describe('FIELD_OWNERSHIP on the command line', () => {
  it('a bad owner stops the command with exit 2, naming the group and the allowed values', () => {
    const { code, stdout, stderr } = map('{"contacts":"finance"}');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('FIELD_OWNERSHIP: contacts: "finance" is not an owner; allowed: hubspot, create-only, fill-empty');
  });

  it.each([
    ['null', 'FIELD_OWNERSHIP: must be a JSON object'],
    ['{"__proto__":{"address":"create-only"}}', 'FIELD_OWNERSHIP: must not use the key "__proto__"'],
  ])('%s stops the command with exit 2, naming the setting (issue 22, item 10)', (value, message) => {
    const { code, stdout, stderr } = map(value);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it.each([
    ['CUSTOM_PROPERTIES', '{"__proto__": "hs_value"}', 'CUSTOM_PROPERTIES: must not use the key "__proto__"'],
    ['TAX_STATUS_VALUES', '{"constructor": "TAX_EXEMPT"}', 'TAX_STATUS_VALUES: must not use the key "constructor"'],
    ['TAX_STATUS_VALUES', '{"eu": "REVERSE"}', 'TAX_STATUS_VALUES: "eu" maps to "REVERSE", which is not a Sequence tax status'],
    ['COMPANY_PROPERTY_MAP', '{"prototype": "legal_name"}', 'COMPANY_PROPERTY_MAP: must not use the key "prototype"'],
    ['COMPANY_PROPERTY_MAP', 'null', 'COMPANY_PROPERTY_MAP: must be a JSON object'],
  ])('%s=%s stops the command with exit 2 before it maps anything, naming the setting (issue 22, item 10)', (name, value, message) => {
    const { code, stdout, stderr } = runCli(['map', join(ROOT, 'examples/company.json')], { [name]: value });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('map prints the request and lists the fields the policy leaves to Sequence', () => {
    const { code, stdout, stderr } = map('{"address":"create-only","url":"fill-empty"}');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ legalName: 'Northwind Traders Inc.' });
    expect(stderr).toContain('FIELD_OWNERSHIP leaves these fields to Sequence:');
    expect(stderr).toContain("  address: create-only (written when the customer is created; Sequence's value is kept after that)");
    expect(stderr).toContain("  url: fill-empty (written only where Sequence's value is empty)");
    expect(stderr).not.toContain('contacts:');
  });
});
