/**
 * What a write changes in a customer, field by field: the preview of dry runs, the counts of run
 * reports and the last change a link remembers. Pure code.
 *
 * `next` is the body that is (or would be) PUT, so the diff follows PUT's rules: contacts are
 * replaced (matched here by email, case-blind), an omitted url or label is cleared, an omitted
 * customProperties or integrationIds leaves Sequence's as they are.
 */
import { z } from 'zod';
import { IntegrationService, type CreateOrUpdateCustomerRequest, type Customer } from './schemas';
import type { CurrentCustomer } from './customer-listing';
import type { FieldGroup } from './ownership';

/** The ownership groups, plus the integration ids the sync always manages. */
export const CHANGE_FIELDS = ['legalName', 'address', 'url', 'label', 'taxStatus', 'contacts', 'customProperties', 'parent', 'integrationIds'] as const satisfies readonly (FieldGroup | 'integrationIds')[];
export type ChangeField = (typeof CHANGE_FIELDS)[number];

const AddressView = z.object({
  line1: z.string(),
  line2: z.string().optional(),
  town: z.string(),
  state: z.string().optional(),
  postcode: z.string(),
  country: z.string(),
});
export type AddressView = z.infer<typeof AddressView>;

const ContactView = z.object({ name: z.string(), email: z.string(), billingPreference: z.string() });
export type ContactView = z.infer<typeof ContactView>;

const scalar = <F extends 'legalName' | 'url' | 'label' | 'taxStatus' | 'parent'>(field: F) =>
  z.object({ field: z.literal(field), before: z.string().nullable(), after: z.string().nullable() });

export const FieldChange = z.discriminatedUnion('field', [
  scalar('legalName'),
  z.object({ field: z.literal('address'), before: AddressView, after: AddressView }),
  scalar('url'),
  scalar('label'),
  scalar('taxStatus'),
  z.object({
    field: z.literal('contacts'),
    added: z.array(ContactView),
    removed: z.array(ContactView),
    changed: z.array(z.object({ email: z.string(), before: ContactView, after: ContactView })),
  }),
  z.object({ field: z.literal('customProperties'), changed: z.array(z.object({ name: z.string(), before: z.string().nullable(), after: z.string().nullable() })) }),
  /** The parent customer's id (a PUT without parentId may clear it). */
  scalar('parent'),
  z.object({ field: z.literal('integrationIds'), added: z.array(z.string()), removed: z.array(z.string()) }),
]);
export type FieldChange = z.infer<typeof FieldChange>;

/** Every field that writing `next` over `current` would change, in CHANGE_FIELDS order. */
/** A listed customer (no contacts) gives no contacts change: the listing cannot tell what they were. */
export function diffCustomer(current: CurrentCustomer, next: CreateOrUpdateCustomerRequest): FieldChange[] {
  const changes: FieldChange[] = [];
  if (current.legalName !== next.legalName) changes.push({ field: 'legalName', before: current.legalName, after: next.legalName });

  const before = addressView(current.address);
  const after = addressView(next.address);
  if (addressKey(before) !== addressKey(after)) changes.push({ field: 'address', before, after });

  for (const field of ['url', 'label'] as const) {
    const was = current[field] || null;
    const will = next[field] || null;
    if (was !== will) changes.push({ field, before: was, after: will });
  }
  if (current.taxStatus !== next.taxStatus) changes.push({ field: 'taxStatus', before: current.taxStatus, after: next.taxStatus });

  const contacts = current.contacts && diffContacts(
    current.contacts.filter((c) => !c.archivedAt),
    next.contacts,
  );
  if (contacts) changes.push(contacts);

  if (next.customProperties) {
    const names = [...new Set([...Object.keys(current.customProperties), ...Object.keys(next.customProperties)])].sort();
    const changed = names
      .map((name) => ({ name, before: current.customProperties[name] ?? null, after: next.customProperties?.[name] ?? null }))
      .filter((c) => c.before !== c.after);
    if (changed.length) changes.push({ field: 'customProperties', changed });
  }

  if ((current.parentId || null) !== (next.parentId || null)) changes.push({ field: 'parent', before: current.parentId || null, after: next.parentId || null });

  if (next.integrationIds) {
    const was = current.integrationIds.filter((i) => IntegrationService.safeParse(i.service).success).map((i) => `${i.service}:${i.id}`);
    const will = next.integrationIds.map((i) => `${i.service}:${i.id}`);
    const added = [...new Set(will.filter((k) => !was.includes(k)))].sort();
    const removed = [...new Set(was.filter((k) => !will.includes(k)))].sort();
    if (added.length || removed.length) changes.push({ field: 'integrationIds', added, removed });
  }
  return changes;
}

/** An address in request form: optional parts only when set. */
export function addressView(a: { line1: string; line2?: string | null; town: string; state?: string | null; postcode: string; country: string }): AddressView {
  return {
    line1: a.line1,
    ...(a.line2 ? { line2: a.line2 } : {}),
    town: a.town,
    ...(a.state ? { state: a.state } : {}),
    postcode: a.postcode,
    country: a.country,
  };
}

function addressKey(a: AddressView): string {
  return [a.line1, a.line2 ?? '', a.town, a.state ?? '', a.postcode, a.country].join('\u0000');
}

function diffContacts(current: readonly ContactView[], next: readonly ContactView[]): FieldChange | undefined {
  const view = (c: ContactView): ContactView => ({ name: c.name, email: c.email, billingPreference: c.billingPreference });
  const byEmail = (list: readonly ContactView[]) => {
    const map = new Map<string, ContactView[]>();
    for (const c of list) {
      const key = c.email.toLowerCase();
      map.set(key, [...(map.get(key) ?? []), view(c)]);
    }
    return map;
  };
  const was = byEmail(current);
  const will = byEmail(next);
  const added: ContactView[] = [];
  const removed: ContactView[] = [];
  const changed: { email: string; before: ContactView; after: ContactView }[] = [];
  for (const email of [...new Set([...was.keys(), ...will.keys()])].sort()) {
    // Contacts sharing an email are matched up after setting aside the ones identical on both sides.
    const left = [...(was.get(email) ?? [])];
    const right = [...(will.get(email) ?? [])];
    for (let i = left.length - 1; i >= 0; i -= 1) {
      const j = right.findIndex((r) => sameContact(r, left[i]!));
      if (j >= 0) {
        right.splice(j, 1);
        left.splice(i, 1);
      }
    }
    while (left.length && right.length) changed.push({ email, before: left.shift()!, after: right.shift()! });
    removed.push(...left);
    added.push(...right);
  }
  return added.length || removed.length || changed.length ? { field: 'contacts', added, removed, changed } : undefined;
}

function sameContact(a: ContactView, b: ContactView): boolean {
  return a.name === b.name && a.billingPreference === b.billingPreference;
}

// ---- text -------------------------------------------------------------------------------------

const shown = (value: string | null) => (value === null ? '(none)' : JSON.stringify(value));
const contactText = (c: ContactView) => `${c.name} <${c.email}> ${c.billingPreference}`;

export function formatAddress(a: AddressView): string {
  return [a.line1, a.line2, a.town, [a.state, a.postcode].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ');
}

/** One line per change, e.g. `address: 1 Main St, Leeds, LS1 1AA, GB → 2 High St, Leeds, LS1 1AA, GB`. */
export function formatChange(change: FieldChange): string {
  switch (change.field) {
    case 'legalName':
    case 'url':
    case 'label':
    case 'taxStatus':
      return `${change.field}: ${shown(change.before)} → ${shown(change.after)}`;
    case 'parent':
      return `parent customer: ${change.before ?? '(none)'} → ${change.after ?? '(none)'}`;
    case 'address':
      return `address: ${formatAddress(change.before)} → ${formatAddress(change.after)}`;
    case 'contacts':
      return `contacts: ${[
        ...change.added.map((c) => `added ${contactText(c)}`),
        ...change.removed.map((c) => `removed ${contactText(c)}`),
        ...change.changed.map((c) => `changed ${c.email}: ${c.before.name} ${c.before.billingPreference} → ${c.after.name} ${c.after.billingPreference}`),
      ].join('; ')}`;
    case 'customProperties':
      return `customProperties: ${change.changed.map((c) => `${c.name} ${shown(c.before)} → ${shown(c.after)}`).join('; ')}`;
    case 'integrationIds':
      return `integrationIds: ${[...change.added.map((k) => `added ${k}`), ...change.removed.map((k) => `removed ${k}`)].join('; ')}`;
  }
}

/** Customers changed per field, e.g. "address: 12 customers, contacts: 3". */
export function formatFieldCounts(counts: Partial<Record<string, number>>): string {
  const entries = Object.entries(counts).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0);
  const ordered = entries.sort(([a], [b]) => order(a) - order(b));
  return ordered.map(([field, n], i) => `${field}: ${n}${i === 0 ? ` customer${n === 1 ? '' : 's'}` : ''}`).join(', ');
}

function order(field: string): number {
  const i = (CHANGE_FIELDS as readonly string[]).indexOf(field);
  return i < 0 ? CHANGE_FIELDS.length : i;
}
