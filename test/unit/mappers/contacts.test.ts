import type { MappingConfig } from '../../../config/mapping';
import type { AssociatedContact } from '../../../src/hubspot/types';
import { mapContacts, normalizeEmail } from '../../../src/mappers';
import { BILLING_LABEL, PRIMARY_COMPANY, UNLABELED, config, contact } from './fixtures';

interface Case {
  name: string;
  contacts: AssociatedContact[];
  config?: Partial<MappingConfig>;
  /** "name <email> PREFERENCE", in output order */
  expected?: string[];
  problem?: RegExp;
  warnings?: RegExp[];
}

const c = (id: string, email: string | null, first: string | null, last: string | null, created: string | null, types = [UNLABELED]) =>
  contact(id, { email, firstname: first, lastname: last, createdate: created }, types);

const CASES: Case[] = [
  {
    name: 'a single contact becomes PRIMARY',
    contacts: [c('1', 'jane@acme.example', 'Jane', 'Doe', '2023-01-01T00:00:00Z')],
    expected: ['Jane Doe <jane@acme.example> PRIMARY'],
  },
  {
    name: 'the billing label beats association type 2 and age',
    contacts: [
      c('1', 'old@acme.example', 'Old', 'Timer', '2020-01-01T00:00:00Z'),
      c('2', 'boss@acme.example', 'Big', 'Boss', '2021-01-01T00:00:00Z', [PRIMARY_COMPANY]),
      c('3', 'ap@acme.example', 'Accounts', 'Payable', '2024-01-01T00:00:00Z', [UNLABELED, BILLING_LABEL]),
    ],
    expected: ['Accounts Payable <ap@acme.example> PRIMARY', 'Old Timer <old@acme.example> STANDARD', 'Big Boss <boss@acme.example> STANDARD'],
  },
  {
    name: 'without a label, the contact whose primary company this is wins',
    contacts: [
      c('1', 'old@acme.example', 'Old', 'Timer', '2020-01-01T00:00:00Z'),
      c('2', 'boss@acme.example', 'Big', 'Boss', '2021-01-01T00:00:00Z', [PRIMARY_COMPANY]),
    ],
    expected: ['Big Boss <boss@acme.example> PRIMARY', 'Old Timer <old@acme.example> STANDARD'],
  },
  {
    name: 'without label or primary company, the oldest wins',
    contacts: [
      c('7', 'new@acme.example', 'New', 'Hire', '2024-05-01T00:00:00Z'),
      c('8', 'old@acme.example', 'Old', 'Timer', '2019-05-01T00:00:00Z'),
    ],
    expected: ['Old Timer <old@acme.example> PRIMARY', 'New Hire <new@acme.example> STANDARD'],
  },
  {
    name: 'the label matches case-blind and ignoring extra spaces',
    contacts: [
      c('1', 'old@acme.example', 'Old', 'Timer', '2020-01-01T00:00:00Z'),
      c('2', 'ap@acme.example', 'AP', null, '2024-01-01T00:00:00Z', [{ typeId: 99, label: '  billing   CONTACT ', category: 'USER_DEFINED' }]),
    ],
    expected: ['AP <ap@acme.example> PRIMARY', 'Old Timer <old@acme.example> STANDARD'],
  },
  {
    name: 'a configured label',
    config: { billingContactLabel: 'Accounts payable' },
    contacts: [
      c('1', 'billing@acme.example', 'Bill', 'Ing', '2020-01-01T00:00:00Z', [BILLING_LABEL]),
      c('2', 'ap@acme.example', 'Ann', 'Payne', '2024-01-01T00:00:00Z', [{ typeId: 41, label: 'Accounts payable', category: 'USER_DEFINED' }]),
    ],
    expected: ['Ann Payne <ap@acme.example> PRIMARY', 'Bill Ing <billing@acme.example> STANDARD'],
  },
  {
    name: 'two labelled contacts: the oldest is PRIMARY, with a warning',
    contacts: [
      c('5', 'b@acme.example', 'B', null, '2022-01-01T00:00:00Z', [BILLING_LABEL]),
      c('4', 'a@acme.example', 'A', null, '2021-01-01T00:00:00Z', [BILLING_LABEL]),
    ],
    expected: ['A <a@acme.example> PRIMARY', 'B <b@acme.example> STANDARD'],
    warnings: [/2 contacts are labelled "Billing contact"; the oldest \(4\) is PRIMARY/],
  },
  {
    name: 'a labelled contact with a bad email is dropped; the next tier decides',
    contacts: [
      c('1', 'billing at acme', 'Bill', 'Ing', '2020-01-01T00:00:00Z', [BILLING_LABEL]),
      c('2', 'old@acme.example', 'Old', 'Timer', '2020-02-01T00:00:00Z'),
      c('3', 'boss@acme.example', 'Big', 'Boss', '2021-01-01T00:00:00Z', [PRIMARY_COMPANY]),
    ],
    expected: ['Big Boss <boss@acme.example> PRIMARY', 'Old Timer <old@acme.example> STANDARD'],
    warnings: [/email "billing at acme" is not a valid email address; contact left out \(it is labelled "Billing contact"/],
  },
  {
    name: 'no name: the email local part',
    contacts: [c('1', 'accounts.payable@acme.example', null, '', '2020-01-01T00:00:00Z')],
    expected: ['accounts.payable <accounts.payable@acme.example> PRIMARY'],
  },
  {
    name: 'only a first name',
    contacts: [c('1', 'cher@acme.example', 'Cher', null, null)],
    expected: ['Cher <cher@acme.example> PRIMARY'],
  },
  {
    name: 'names are trimmed and inner whitespace collapsed',
    contacts: [c('1', 'mary@acme.example', '  Mary\tAnne ', ' van   der  Berg\n', null)],
    expected: ['Mary Anne van der Berg <mary@acme.example> PRIMARY'],
  },
  {
    name: 'the same email twice (case-blind) is merged into the oldest, keeping a name',
    contacts: [
      c('2', 'Jane@Acme.example', 'Jane', 'Doe', '2023-01-01T00:00:00Z'),
      c('1', 'jane@acme.example', null, null, '2022-01-01T00:00:00Z'),
    ],
    expected: ['Jane Doe <jane@acme.example> PRIMARY'],
    warnings: [/contact 1 \("jane@acme.example"\); merged/],
  },
  {
    name: 'a duplicate carrying the billing label makes the merged contact PRIMARY',
    contacts: [
      c('1', 'ap@acme.example', 'AP', null, '2020-01-01T00:00:00Z'),
      c('2', 'boss@acme.example', 'Boss', null, '2019-01-01T00:00:00Z', [PRIMARY_COMPANY]),
      c('3', 'AP@acme.example', null, null, '2024-01-01T00:00:00Z', [BILLING_LABEL]),
    ],
    expected: ['AP <ap@acme.example> PRIMARY', 'Boss <boss@acme.example> STANDARD'],
    warnings: [/merged/],
  },
  {
    name: 'invalid and missing emails are dropped with a warning each',
    contacts: [
      c('1', 'jane@acme.example', 'Jane', null, '2023-01-01T00:00:00Z'),
      c('2', 'jane@', 'Bad', null, '2023-01-02T00:00:00Z'),
      c('3', null, 'None', null, '2023-01-03T00:00:00Z'),
      c('4', 'two@acme.example; three@acme.example', 'Two', null, '2023-01-04T00:00:00Z'),
    ],
    expected: ['Jane <jane@acme.example> PRIMARY'],
    warnings: [/"jane@" is not a valid email/, /has no email/, /is not a valid email/],
  },
  {
    name: 'mailto:, angle brackets and an upper-case domain are cleaned',
    contacts: [
      c('1', ' mailto:Jo@ACME.Example ', 'Jo', null, '2023-01-01T00:00:00Z'),
      c('2', 'Sam Smith <sam@Acme.Example>', 'Sam', 'Smith', '2023-01-02T00:00:00Z'),
    ],
    expected: ['Jo <Jo@acme.example> PRIMARY', 'Sam Smith <sam@acme.example> STANDARD'],
  },
  {
    name: 'other contacts get the configured preference',
    config: { otherContactsPreference: 'NONE' },
    contacts: [c('1', 'a@acme.example', 'A', null, '2020-01-01T00:00:00Z'), c('2', 'b@acme.example', 'B', null, '2021-01-01T00:00:00Z')],
    expected: ['A <a@acme.example> PRIMARY', 'B <b@acme.example> NONE'],
  },
  {
    name: 'the cap keeps the PRIMARY and the oldest others',
    config: { maxContacts: 2 },
    contacts: [
      c('1', 'a@acme.example', 'A', null, '2020-01-01T00:00:00Z'),
      c('2', 'b@acme.example', 'B', null, '2021-01-01T00:00:00Z'),
      c('3', 'c@acme.example', 'C', null, '2022-01-01T00:00:00Z', [BILLING_LABEL]),
      c('4', 'd@acme.example', 'D', null, '2023-01-01T00:00:00Z'),
    ],
    expected: ['C <c@acme.example> PRIMARY', 'A <a@acme.example> STANDARD'],
    warnings: [/4 contacts, more than the limit of 2; left out the newest: 2, 4/],
  },
  {
    name: 'a cap of 1 keeps only the PRIMARY',
    config: { maxContacts: 1 },
    contacts: [c('1', 'a@acme.example', 'A', null, '2020-01-01T00:00:00Z'), c('2', 'b@acme.example', 'B', null, '2021-01-01T00:00:00Z', [PRIMARY_COMPANY])],
    expected: ['B <b@acme.example> PRIMARY'],
    warnings: [/limit of 1/],
  },
  {
    name: 'unknown creation dates sort last; ids compare as numbers',
    contacts: [
      c('10', 'ten@acme.example', 'Ten', null, null),
      c('9', 'nine@acme.example', 'Nine', null, null),
      c('100', 'hundred@acme.example', 'Hundred', null, '2024-01-01T00:00:00Z'),
    ],
    expected: ['Hundred <hundred@acme.example> PRIMARY', 'Nine <nine@acme.example> STANDARD', 'Ten <ten@acme.example> STANDARD'],
  },
  {
    name: 'createdate as epoch milliseconds, and createdAt when the property is missing',
    contacts: [
      c('1', 'ms@acme.example', 'Ms', null, '1700000000000'),
      { id: '2', properties: { email: 'iso@acme.example', firstname: 'Iso' }, createdAt: '2020-01-01T00:00:00Z', associationTypes: [] },
    ],
    expected: ['Iso <iso@acme.example> PRIMARY', 'Ms <ms@acme.example> STANDARD'],
  },
  {
    name: 'a USER_DEFINED label with type id 2 is not the primary-company association',
    contacts: [
      c('1', 'old@acme.example', 'Old', null, '2020-01-01T00:00:00Z'),
      c('2', 'x@acme.example', 'X', null, '2021-01-01T00:00:00Z', [{ typeId: 2, label: 'Other', category: 'USER_DEFINED' }]),
    ],
    expected: ['Old <old@acme.example> PRIMARY', 'X <x@acme.example> STANDARD'],
  },
  {
    name: 'no contacts at all',
    contacts: [],
    problem: /^the company has no associated contacts$/,
  },
  {
    name: 'only contacts without a usable email',
    contacts: [c('1', 'nobody', 'No', 'Body', null), c('2', '', 'Empty', null, null)],
    problem: /^none of the 2 associated contacts has a valid email$/,
    warnings: [/not a valid email/, /has no email/],
  },
  {
    name: 'no usable contact but a fallback billing email',
    config: { fallbackBillingEmail: 'billing@ourcompany.example' },
    contacts: [c('1', 'nobody', 'No', 'Body', null)],
    expected: ['Acme Widgets Ltd <billing@ourcompany.example> PRIMARY'],
    warnings: [/not a valid email/, /fallback billing email "billing@ourcompany.example" is used/],
  },
  {
    name: 'an invalid fallback billing email is a problem of its own',
    config: { fallbackBillingEmail: 'not an email' },
    contacts: [],
    problem: /no associated contacts/,
  },
];

function render(list: Array<{ name: string; email: string; billingPreference: string }> | undefined): string[] | undefined {
  return list?.map((x) => `${x.name} <${x.email}> ${x.billingPreference}`);
}

describe('mapContacts', () => {
  test.each(CASES)('$name', (testCase) => {
    const result = mapContacts(testCase.contacts, config(testCase.config), 'Acme Widgets Ltd');
    if (testCase.expected) {
      expect(result.problems).toEqual([]);
      expect(render(result.contacts)).toEqual(testCase.expected);
    } else {
      expect(result.contacts).toBeUndefined();
      expect(result.problems[0]?.field).toBe('contacts');
      expect(result.problems[0]?.message).toMatch(testCase.problem ?? /./);
    }
    const warnings = result.warnings.map((w) => w.message);
    for (const pattern of testCase.warnings ?? []) expect(warnings.some((m) => pattern.test(m))).toBe(true);
    if (!testCase.warnings) expect(warnings).toEqual([]);
  });

  test('an invalid fallback email adds a problem naming FALLBACK_BILLING_EMAIL', () => {
    const result = mapContacts([], config({ fallbackBillingEmail: 'nope' }), 'Acme');
    expect(result.problems.map((p) => p.fix)).toEqual([expect.stringContaining('associate a contact'), 'correct FALLBACK_BILLING_EMAIL']);
  });

  test('the order of the input does not change the output', () => {
    const input = CASES[1]?.contacts ?? [];
    const forward = mapContacts(input, config(), 'Acme');
    const backward = mapContacts([...input].reverse(), config(), 'Acme');
    expect(JSON.stringify(backward.contacts)).toBe(JSON.stringify(forward.contacts));
  });
});

describe('normalizeEmail', () => {
  test.each([
    ['jane@acme.example', 'jane@acme.example'],
    ['  Jane@ACME.example ', 'Jane@acme.example'],
    ['mailto:a@b.example', 'a@b.example'],
    ['"Jane" <jane@acme.example>', 'jane@acme.example'],
    ['jane@acme', undefined],
    ['jane', undefined],
    ['', undefined],
    [null, undefined],
    ['a@b@c.example', undefined],
  ])('%j → %j', (text, email) => {
    expect(normalizeEmail(text)).toBe(email);
  });
});
