/**
 * The simulated HubSpot properties API of one object type: property groups and property definitions
 * (`/crm/properties/V/{objectType}` and `…/groups`), and the checks a write (batch update) makes of
 * the values it is given.
 *
 * Behaviour follows HubSpot's documentation and its public OpenAPI specs (PropertyCreate,
 * PropertyGroupCreate, Property): creating what exists answers 409; a property needs `name`, `label`,
 * `type`, `fieldType` and an existing `groupName`; an enumeration needs options. Writing a property
 * that does not exist, an option that is not one of an enumeration's, a datetime that is not a time,
 * or a read-only property refuses the whole batch with 400 (HubSpot's `Property values were not valid`).
 * HubSpot's own properties are listed with `hubspotDefined: true`; properties a test writes straight
 * into the store are taken as existing text properties.
 */
import { z } from 'zod';

export const PROPERTY_TYPES = ['bool', 'date', 'datetime', 'enumeration', 'number', 'phone_number', 'string'] as const;
export const FIELD_TYPES = ['booleancheckbox', 'calculation_equation', 'checkbox', 'date', 'file', 'html', 'number', 'phonenumber', 'radio', 'select', 'text', 'textarea'] as const;

/** Which field types go with which data types (HubSpot's "Property type and fieldType values" table). */
const FIELD_TYPES_OF: Record<(typeof PROPERTY_TYPES)[number], readonly string[]> = {
  bool: ['booleancheckbox'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['booleancheckbox', 'checkbox', 'radio', 'select', 'calculation_equation'],
  number: ['number', 'calculation_equation'],
  phone_number: ['phonenumber'],
  string: ['file', 'text', 'textarea', 'calculation_equation', 'html', 'phonenumber'],
};

const OptionInput = z.object({
  label: z.string().min(1),
  value: z.string().min(1),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
});

export const PropertyCreateBody = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.enum(FIELD_TYPES),
  groupName: z.string(),
  description: z.string().optional(),
  options: z.array(OptionInput).optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  dataSensitivity: z.enum(['highly_sensitive', 'non_sensitive', 'sensitive']).optional(),
});
export type PropertyCreateBody = z.infer<typeof PropertyCreateBody>;

export const PropertyGroupCreateBody = z.object({
  name: z.string(),
  label: z.string(),
  displayOrder: z.number().int().optional(),
});
export type PropertyGroupCreateBody = z.infer<typeof PropertyGroupCreateBody>;

export interface OptionModel {
  label: string;
  value: string;
  description?: string;
  displayOrder: number;
  hidden: boolean;
}

/** `Property` as the API answers it. */
export interface PropertyModel {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: OptionModel[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined: boolean;
  calculated: boolean;
  externalOptions: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
}

/** `PropertyGroup` as the API answers it. */
export interface PropertyGroupModel {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

/** A refusal the server turns into HubSpot's error body. */
export class PropertyApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'PropertyApiProblem';
  }
}

/** One invalid value of a batch update, as HubSpot lists it in its 400. */
interface InvalidValue {
  isValid: false;
  message: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'INVALID_OPTION' | 'INVALID_DATETIME' | 'READ_ONLY_VALUE' | 'INVALID_INTEGER';
  name: string;
}

const NAME_RULE = /^[a-z][a-z0-9_]*$/;

export class PropertyRegistry {
  private readonly groups = new Map<string, PropertyGroupModel>();
  private readonly custom = new Map<string, PropertyModel>();

  constructor(
    readonly objectType: string,
    /** HubSpot's own properties (always present, text unless said otherwise). */
    private readonly builtIn: () => Iterable<string>,
    /** Properties whose values HubSpot computes: a write to them is refused. */
    private readonly readOnly: ReadonlySet<string>,
    defaultGroup: PropertyGroupModel,
    private readonly now: () => number,
    /** Told of every property created, so reads answer null for it until it has a value. */
    private readonly onCreate: (name: string) => void,
  ) {
    this.groups.set(defaultGroup.name, defaultGroup);
  }

  createGroup(input: PropertyGroupCreateBody): PropertyGroupModel {
    if (!NAME_RULE.test(input.name)) throw invalid(`Property group name "${input.name}" is invalid: use lowercase letters, digits and underscores, starting with a letter`);
    if (!input.label.trim()) throw invalid('label must not be blank');
    if (this.groups.has(input.name)) throw new PropertyApiProblem(409, 'OBJECT_ALREADY_EXISTS', `A property group named '${input.name}' already exists.`);
    const group: PropertyGroupModel = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
    this.groups.set(group.name, group);
    return { ...group };
  }

  createProperty(input: PropertyCreateBody): PropertyModel {
    if (!NAME_RULE.test(input.name)) throw invalid(`Property name "${input.name}" is invalid: use lowercase letters, digits and underscores, starting with a letter`);
    if (this.exists(input.name)) throw new PropertyApiProblem(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`);
    if (!input.label.trim()) throw invalid('label must not be blank');
    if (!this.groups.has(input.groupName)) throw invalid(`Property group ${input.groupName} does not exist for object type ${this.objectType}`);
    if (!FIELD_TYPES_OF[input.type].includes(input.fieldType)) throw invalid(`fieldType ${input.fieldType} is not valid for a property of type ${input.type}`);
    if (input.type === 'enumeration' && !input.options?.length) throw invalid('options are required for a property of type enumeration');
    const values = new Set<string>();
    for (const option of input.options ?? []) {
      if (values.has(option.value)) throw invalid(`option value "${option.value}" is used twice`);
      values.add(option.value);
    }
    const at = new Date(this.now()).toISOString();
    const property: PropertyModel = {
      name: input.name,
      label: input.label,
      type: input.type,
      fieldType: input.fieldType,
      groupName: input.groupName,
      description: input.description ?? '',
      options: (input.options ?? []).map((o, i) => ({ label: o.label, value: o.value, ...(o.description ? { description: o.description } : {}), displayOrder: o.displayOrder ?? i, hidden: o.hidden ?? false })),
      displayOrder: input.displayOrder ?? -1,
      hasUniqueValue: input.hasUniqueValue ?? false,
      hidden: input.hidden ?? false,
      formField: input.formField ?? false,
      hubspotDefined: false,
      calculated: false,
      externalOptions: false,
      archived: false,
      createdAt: at,
      updatedAt: at,
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    };
    this.custom.set(property.name, property);
    this.onCreate(property.name);
    return clone(property);
  }

  /** A custom property made through the API, or HubSpot's own: what `GET …/{propertyName}` answers. */
  get(name: string): PropertyModel | undefined {
    const custom = this.custom.get(name);
    if (custom) return clone(custom);
    for (const builtIn of this.builtIn()) if (builtIn === name) return this.builtInModel(name);
    return undefined;
  }

  list(): PropertyModel[] {
    const names = new Set<string>(this.builtIn());
    const out = [...names].filter((n) => !this.custom.has(n)).map((n) => this.builtInModel(n));
    for (const property of this.custom.values()) out.push(clone(property));
    return out;
  }

  listGroups(): PropertyGroupModel[] {
    return [...this.groups.values()].map((g) => ({ ...g }));
  }

  exists(name: string): boolean {
    if (this.custom.has(name)) return true;
    for (const builtIn of this.builtIn()) if (builtIn === name) return true;
    return false;
  }

  /**
   * The values of one batch update as they will be stored, or the 400 HubSpot answers: every value is
   * checked before anything is written. An empty string clears the property (stored as no value).
   */
  checkValues(properties: Record<string, unknown>): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    const problems: InvalidValue[] = [];
    for (const [name, raw] of Object.entries(properties)) {
      const value = raw === null || raw === undefined ? '' : String(raw);
      if (this.readOnly.has(name)) {
        problems.push({ isValid: false, name, error: 'READ_ONLY_VALUE', message: `Property "${name}" is a read only property; its value cannot be set.` });
        continue;
      }
      if (!this.exists(name)) {
        problems.push({ isValid: false, name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
        continue;
      }
      if (value === '') {
        out[name] = null;
        continue;
      }
      const definition = this.custom.get(name);
      if (definition?.type === 'enumeration' && !definition.options.some((o) => o.value === value)) {
        problems.push({ isValid: false, name, error: 'INVALID_OPTION', message: `${JSON.stringify(value)} was not one of the allowed options: [${definition.options.map((o) => o.value).join(', ')}]` });
        continue;
      }
      if (definition?.type === 'datetime' || definition?.type === 'date') {
        const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
        if (!Number.isFinite(ms)) {
          problems.push({ isValid: false, name, error: 'INVALID_DATETIME', message: `${JSON.stringify(value)} is not a valid datetime (epoch milliseconds or ISO 8601)` });
          continue;
        }
        out[name] = new Date(ms).toISOString();
        continue;
      }
      if (definition?.type === 'number' && !Number.isFinite(Number(value))) {
        problems.push({ isValid: false, name, error: 'INVALID_INTEGER', message: `${JSON.stringify(value)} is not a number` });
        continue;
      }
      out[name] = value;
    }
    if (problems.length) {
      throw new PropertyApiProblem(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(problems)}`, { errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })) });
    }
    return out;
  }

  private builtInModel(name: string): PropertyModel {
    return {
      name,
      label: name,
      type: 'string',
      fieldType: 'text',
      groupName: [...this.groups.keys()][0] ?? 'companyinformation',
      description: '',
      options: [],
      displayOrder: -1,
      hasUniqueValue: false,
      hidden: false,
      formField: false,
      hubspotDefined: true,
      calculated: this.readOnly.has(name),
      externalOptions: false,
      archived: false,
      createdAt: new Date(0).toISOString(),
      updatedAt: new Date(0).toISOString(),
      modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: this.readOnly.has(name) },
    };
  }
}

function invalid(message: string): PropertyApiProblem {
  return new PropertyApiProblem(400, 'VALIDATION_ERROR', message);
}

function clone(property: PropertyModel): PropertyModel {
  return { ...property, options: property.options.map((o) => ({ ...o })), modificationMetadata: { ...property.modificationMetadata } };
}
