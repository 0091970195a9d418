/**
 * What the mapper reports besides a payload. A problem stops a company from being billed; a warning
 * means something was dropped or guessed but the company can still be synced.
 */
import { describeValue, problemValue } from './text';

export interface MappingProblem {
  /** The Sequence field that cannot be filled, e.g. `address.country`. */
  field: string;
  /** The HubSpot property it comes from, when there is one. */
  property?: string;
  /** The value found in HubSpot (null when unset), shortened when it is very long. */
  value?: string | null;
  /** What is wrong, e.g. `HubSpot property "country" is "Narnia", not a country`. */
  message: string;
  /** What a person can change to fix it. */
  fix: string;
}

export interface MappingWarning {
  field: string;
  property?: string;
  contactId?: string;
  message: string;
}

/** One line: `address.country: HubSpot property "country" is "Narnia", not a country; set an ISO code or a country name`. */
export function formatProblem(problem: MappingProblem): string {
  return oneLine(`${problem.field}: ${problem.message}; ${problem.fix}`);
}

/** One line: `warning: contacts (contact 51): …`. */
export function formatWarning(warning: MappingWarning): string {
  const where = warning.contactId ? `${warning.field} (contact ${warning.contactId})` : warning.field;
  return oneLine(`warning: ${where}: ${warning.message}`);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** A problem about one HubSpot property: the message starts `HubSpot property "<p>" <is …>`. */
export function propertyProblem(
  field: string,
  property: string,
  raw: string | null | undefined,
  why: string,
  fix: string,
): MappingProblem {
  const message = `HubSpot property ${JSON.stringify(property)} ${describeValue(raw)}${why ? `, ${why}` : ''}`;
  return { field, property, value: problemValue(raw), message, fix };
}

/** A problem for a required property that is unset or blank. */
export function missingProblem(field: string, property: string, raw: string | null | undefined, fix: string): MappingProblem {
  return propertyProblem(field, property, raw, '', fix);
}
