import type { BillingScope } from '../../../src/scope';
import { PassThrough, Writable } from 'node:stream';
import type { MappingConfig } from '../../../config/mapping';
import { runMap } from '../../../src/cli/commands/map';
import type { AssociatedContact, AssociationType, CompanyBundle, HubSpotProperties } from '../../../src/hubspot/types';

export const baseConfig: MappingConfig = {
  aliasPrefix: 'hubspot-company-',
  billingContactLabel: 'Billing contact',
  otherContactsPreference: 'STANDARD',
  maxContacts: 25,
  defaultTaxStatus: 'TAXED',
  taxStatusValues: {},
  customProperties: {},
};

export function config(overrides: Partial<MappingConfig> = {}): MappingConfig {
  return { ...baseConfig, ...overrides };
}

export const billableProperties: HubSpotProperties = {
  name: 'Acme Widgets Ltd',
  domain: 'acme.example',
  website: 'https://www.acme.example',
  address: '1 Market Street',
  address2: null,
  city: 'London',
  state: null,
  zip: 'EC1A 1BB',
  country: 'United Kingdom',
  hs_object_id: '1001',
  createdate: '2023-01-01T00:00:00.000Z',
};

export const UNLABELED: AssociationType = { typeId: 280, label: null, category: 'HUBSPOT_DEFINED' };
export const PRIMARY_COMPANY: AssociationType = { typeId: 2, label: 'Primary', category: 'HUBSPOT_DEFINED' };
export const BILLING_LABEL: AssociationType = { typeId: 37, label: 'Billing contact', category: 'USER_DEFINED' };

export function contact(
  id: string,
  properties: HubSpotProperties,
  associationTypes: AssociationType[] = [UNLABELED],
): AssociatedContact {
  return { id, properties, associationTypes };
}

export const defaultContact = contact('501', {
  email: 'jane.doe@acme.example',
  firstname: 'Jane',
  lastname: 'Doe',
  createdate: '2023-02-01T00:00:00.000Z',
});

export function bundle(
  properties: HubSpotProperties = {},
  contacts: AssociatedContact[] = [defaultContact],
  id = '1001',
): CompanyBundle {
  return { company: { id, properties: { ...billableProperties, ...properties } }, contacts };
}

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the `map` command in-process with `stdinText` on stdin; returns its exit code and output. */
export async function runMapCommand(
  args: { file?: string; jsonl?: boolean; maxLineBytes?: number },
  stdinText: string | Buffer = '',
  options: { mapping?: MappingConfig; scope?: BillingScope } = {},
) {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const stdout = new Collect();
  const stderr = new Collect();
  const code = await runMap(args, { stdin, stdout, stderr }, options.mapping ?? baseConfig, options.scope);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
