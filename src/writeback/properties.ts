/**
 * The company properties the write-back fills (HUBSPOT_WRITE_BACK), in a property group of their
 * own. They mirror Sequence for people working in HubSpot; this service never reads them to decide
 * anything (identity stays the alias and the integration id), and the HubSpot project never
 * subscribes to them, so the service's own writes trigger no sync.
 */
import type { PropertyDefinition, PropertyGroupDefinition } from '../hubspot/writes';

export const WRITE_BACK_GROUP: PropertyGroupDefinition = { name: 'sequence_billing', label: 'Sequence billing', displayOrder: -1 };

export const WRITE_BACK_PROPERTY = {
  customerId: 'sequence_customer_id',
  status: 'sequence_billing_status',
  problems: 'sequence_billing_problems',
  lastWrittenAt: 'sequence_last_written_at',
} as const;

/** Values of the billing status property. */
export const BILLING_STATUS = {
  /** The company's customer is in step with HubSpot. */
  synced: 'synced',
  /** The company cannot become a customer until its data is fixed in HubSpot (the problems say what). */
  cannotBeBilled: 'cannot_be_billed',
  /** The customer is in step, except for what the problems say (e.g. Sequence refused to move it under its parent). */
  needsAttention: 'needs_attention',
} as const;
export type BillingStatus = (typeof BILLING_STATUS)[keyof typeof BILLING_STATUS];

export const WRITE_BACK_PROPERTIES: readonly PropertyDefinition[] = [
  {
    name: WRITE_BACK_PROPERTY.customerId,
    label: 'Sequence customer ID',
    description: 'The Sequence customer billed for this company (written by crm-sequence-sync; editing it changes nothing in Sequence).',
    groupName: WRITE_BACK_GROUP.name,
    type: 'string',
    fieldType: 'text',
    displayOrder: 1,
  },
  {
    name: WRITE_BACK_PROPERTY.status,
    label: 'Sequence billing status',
    description: 'Whether the company is billed in Sequence, or why it cannot be (see Sequence billing problems). Written by crm-sequence-sync.',
    groupName: WRITE_BACK_GROUP.name,
    type: 'enumeration',
    fieldType: 'select',
    options: [
      { label: 'Synced', value: BILLING_STATUS.synced, description: 'The customer in Sequence is in step with this company', displayOrder: 0, hidden: false },
      { label: 'Cannot be billed', value: BILLING_STATUS.cannotBeBilled, description: 'Fix what Sequence billing problems says, here in HubSpot', displayOrder: 1, hidden: false },
      { label: 'Needs attention', value: BILLING_STATUS.needsAttention, description: 'Billed, but see Sequence billing problems', displayOrder: 2, hidden: false },
    ],
    displayOrder: 2,
  },
  {
    name: WRITE_BACK_PROPERTY.problems,
    label: 'Sequence billing problems',
    description: 'What keeps this company from being billed, and how to fix it; empty once it is synced. Written by crm-sequence-sync.',
    groupName: WRITE_BACK_GROUP.name,
    type: 'string',
    fieldType: 'textarea',
    displayOrder: 3,
  },
  {
    name: WRITE_BACK_PROPERTY.lastWrittenAt,
    label: 'Sequence last written',
    description: 'When crm-sequence-sync last created or updated the customer in Sequence.',
    groupName: WRITE_BACK_GROUP.name,
    type: 'datetime',
    fieldType: 'date',
    displayOrder: 4,
  },
];

export const WRITE_BACK_PROPERTY_NAMES: readonly string[] = WRITE_BACK_PROPERTIES.map((p) => p.name);
