/**
 * Associated HubSpot contacts → Sequence `contacts`.
 *
 * - email: trimmed, a leading "mailto:" and surrounding <> removed, domain lower-cased; validated
 *   with the same rule as Sequence's schema. Invalid → the contact is dropped with a warning.
 * - duplicates (same email, case-blind) are merged into the oldest; the merged contact keeps the
 *   first non-empty name and every association of the group.
 * - name: "firstname lastname", else the email's local part.
 * - PRIMARY: a contact with the billing association label, else one whose primary company this is
 *   (association type 2), else the oldest; the oldest wins within each tier. Others get
 *   `otherContactsPreference`.
 * - the list is capped at `maxContacts` (the PRIMARY is always kept) and ordered PRIMARY first,
 *   then by createdate, then id, so the same input gives the same payload.
 */
import type { MappingConfig } from '../../config/mapping';
import { ASSOCIATION_TYPE, type AssociatedContact } from '../hubspot/types';
import { ContactRequest } from '../sequence/schemas';
import type { MappingProblem, MappingWarning } from './problems';
import { cleanOrUndefined, cleanText, quote } from './text';

export type ContactsConfig = Pick<
  MappingConfig,
  'billingContactLabel' | 'otherContactsPreference' | 'maxContacts' | 'fallbackBillingEmail'
>;

export interface ContactsResult {
  contacts?: ContactRequest[];
  problems: MappingProblem[];
  warnings: MappingWarning[];
}

interface Candidate {
  id: string;
  email: string;
  name?: string;
  created: number;
  hasBillingLabel: boolean;
  isPrimaryCompany: boolean;
}

const emailSchema = ContactRequest.shape.email;

/** Contact properties whose changes alter a customer (createdate, also read, does not change). */
export const MAPPED_CONTACT_PROPERTIES = ['email', 'firstname', 'lastname'] as const;

/** A cleaned email, or undefined when it is not one Sequence accepts. */
export function normalizeEmail(text: string | null | undefined): string | undefined {
  let email = cleanText(text).replace(/^mailto:/i, '');
  if (email.length > 1000) return undefined;
  const bracketed = /^[^<]*<([^<>]+)>$/.exec(email);
  if (bracketed?.[1]) email = bracketed[1].trim();
  const at = email.lastIndexOf('@');
  if (at <= 0 || email.length > 320) return undefined;
  email = email.slice(0, at) + email.slice(at).toLowerCase();
  return emailSchema.safeParse(email).success ? email : undefined;
}

/** Epoch ms of a HubSpot timestamp (ISO text or epoch ms), or +Infinity when unknown. */
export function parseTimestamp(text: string | null | undefined): number {
  const value = cleanText(text);
  if (!value) return Number.POSITIVE_INFINITY;
  if (/^\d{1,16}$/.test(value)) return Number(value);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
}

/** Ids compare as numbers when both are digits (HubSpot's are), else as text. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function byAge(a: Candidate, b: Candidate): number {
  if (a.created !== b.created) return a.created < b.created ? -1 : 1;
  return compareIds(a.id, b.id);
}

function sameLabel(a: string | null | undefined, b: string): boolean {
  const x = cleanText(a).toLowerCase();
  return x !== '' && x === cleanText(b).toLowerCase();
}

function contactName(firstname: string | null, lastname: string | null): string | undefined {
  return cleanOrUndefined([cleanText(firstname), cleanText(lastname)].filter(Boolean).join(' '));
}

function prop(contact: AssociatedContact, name: string): string | null {
  const value: unknown = contact.properties?.[name];
  return typeof value === 'string' ? value : null;
}

export function mapContacts(
  contacts: readonly AssociatedContact[] | undefined,
  config: ContactsConfig,
  companyName: string | undefined,
): ContactsResult {
  const problems: MappingProblem[] = [];
  const warnings: MappingWarning[] = [];
  const label = cleanText(config.billingContactLabel);

  // 1. usable candidates
  const candidates: Candidate[] = [];
  const list: readonly unknown[] = Array.isArray(contacts) ? contacts : [];
  for (const item of list) {
    if (item === null || typeof item !== 'object') continue;
    const contact = item as AssociatedContact;
    const id = cleanText(contact.id) || '(no id)';
    const rawEmail = prop(contact, 'email');
    const email = normalizeEmail(rawEmail);
    const associations = Array.isArray(contact.associationTypes) ? contact.associationTypes : [];
    const hasBillingLabel = label !== '' && associations.some((a) => sameLabel(a?.label, label));
    if (!email) {
      warnings.push({
        field: 'contacts',
        property: 'email',
        contactId: id,
        message:
          (cleanOrUndefined(rawEmail) === undefined ? 'has no email' : `email ${quote(rawEmail ?? '')} is not a valid email address`) +
          '; contact left out' +
          (hasBillingLabel ? ` (it is labelled ${quote(label)}, so the billing contact is chosen from the others)` : ''),
      });
      continue;
    }
    candidates.push({
      id,
      email,
      name: contactName(prop(contact, 'firstname'), prop(contact, 'lastname')),
      created: Math.min(parseTimestamp(prop(contact, 'createdate')), parseTimestamp(contact.createdAt)),
      hasBillingLabel,
      isPrimaryCompany: associations.some(
        (a) => a?.typeId === ASSOCIATION_TYPE.PRIMARY_COMPANY && a.category !== 'USER_DEFINED',
      ),
    });
  }
  candidates.sort(byAge);

  // 2. merge duplicates into the oldest of each email
  const byEmail = new Map<string, Candidate>();
  const merged: Candidate[] = [];
  for (const candidate of candidates) {
    const key = candidate.email.toLowerCase();
    const kept = byEmail.get(key);
    if (!kept) {
      byEmail.set(key, candidate);
      merged.push(candidate);
      continue;
    }
    kept.name ??= candidate.name;
    kept.hasBillingLabel ||= candidate.hasBillingLabel;
    kept.isPrimaryCompany ||= candidate.isPrimaryCompany;
    warnings.push({
      field: 'contacts',
      property: 'email',
      contactId: candidate.id,
      message: `has the same email as contact ${kept.id} (${quote(kept.email)}); merged into it`,
    });
  }

  // 3. nobody to bill
  if (merged.length === 0) {
    const fallback = normalizeEmail(config.fallbackBillingEmail);
    if (fallback) {
      warnings.push({
        field: 'contacts',
        message: `no associated contact has a valid email; the fallback billing email ${quote(fallback)} is used`,
      });
      const name = cleanOrUndefined(companyName) ?? fallback.slice(0, fallback.lastIndexOf('@'));
      return { contacts: [{ name, email: fallback, billingPreference: 'PRIMARY' }], problems, warnings };
    }
    const count = list.length;
    problems.push({
      field: 'contacts',
      property: 'email',
      value: null,
      message:
        count === 0
          ? 'the company has no associated contacts'
          : `none of the ${count} associated contact${count === 1 ? '' : 's'} has a valid email`,
      fix:
        `associate a contact with a valid email${label ? ` (label it ${quote(label)})` : ''}` +
        (config.fallbackBillingEmail ? '' : ', or set FALLBACK_BILLING_EMAIL'),
    });
    if (config.fallbackBillingEmail && !fallback) {
      problems.push({
        field: 'contacts',
        value: config.fallbackBillingEmail,
        message: `the fallback billing email ${quote(config.fallbackBillingEmail)} is not a valid email address`,
        fix: 'correct FALLBACK_BILLING_EMAIL',
      });
    }
    return { problems, warnings };
  }

  // 4. the PRIMARY contact (merged is sorted oldest first)
  const labelled = merged.filter((c) => c.hasBillingLabel);
  const primary = labelled[0] ?? merged.find((c) => c.isPrimaryCompany) ?? merged[0];
  if (!primary) return { problems, warnings }; // unreachable: merged is not empty
  if (labelled.length > 1) {
    warnings.push({
      field: 'contacts',
      contactId: primary.id,
      message: `${labelled.length} contacts are labelled ${quote(label)}; the oldest (${primary.id}) is PRIMARY, the others ${config.otherContactsPreference}`,
    });
  }

  // 5. cap
  const others = merged.filter((c) => c !== primary);
  const cap = Number.isFinite(config.maxContacts) ? Math.max(1, Math.floor(config.maxContacts)) : 1;
  const kept = others.slice(0, cap - 1);
  const dropped = others.slice(cap - 1);
  if (dropped.length > 0) {
    warnings.push({
      field: 'contacts',
      message: `${merged.length} contacts, more than the limit of ${cap}; left out the newest: ${dropped.map((c) => c.id).join(', ')}`,
    });
  }

  const toRequest = (c: Candidate, billingPreference: ContactRequest['billingPreference']): ContactRequest => ({
    name: c.name ?? c.email.slice(0, c.email.lastIndexOf('@')),
    email: c.email,
    billingPreference,
  });
  return {
    contacts: [toRequest(primary, 'PRIMARY'), ...kept.map((c) => toRequest(c, config.otherContactsPreference))],
    problems,
    warnings,
  };
}
