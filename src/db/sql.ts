/**
 * Parameterised SQL as tagged templates. Every interpolated value becomes a bind parameter;
 * a nested `sql` fragment is inlined with its own parameters renumbered. `raw()` is for text the
 * code itself owns (identifiers, keywords), never for user input.
 */
export class Sql {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
  constructor(strings: readonly string[], values: readonly unknown[]) {
    this.strings = strings;
    this.values = values;
  }
}

export const sql = (strings: TemplateStringsArray, ...values: unknown[]): Sql => new Sql(strings, values);

export const raw = (text: string): Sql => new Sql([text], []);

export const empty = raw('');

export const join = (parts: readonly Sql[], separator: Sql = raw(', ')): Sql => {
  if (parts.length === 0) return empty;
  const values: unknown[] = [];
  parts.forEach((part, index) => {
    if (index > 0) values.push(separator);
    values.push(part);
  });
  return new Sql(['', ...values.slice(1).map(() => ''), ''], values);
};

/** Marks a value to be sent as JSON text (for jsonb columns); plain objects are sent as JSON anyway. */
export class JsonValue {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
}
export const json = (value: unknown): JsonValue => new JsonValue(value);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/**
 * Both drivers accept these parameter types alike. JSON goes as text because a JS array bound as
 * a jsonb parameter fails on node-postgres (it becomes a Postgres array).
 */
const toParameter = (value: unknown): unknown => {
  if (value instanceof JsonValue) return JSON.stringify(value.value);
  if (isPlainObject(value)) return JSON.stringify(value);
  if (value === undefined) return null;
  return value;
};

export type CompiledQuery = { text: string; values: unknown[] };

export const compile = (query: Sql): CompiledQuery => {
  const values: unknown[] = [];
  const walk = (fragment: Sql): string => {
    let text = fragment.strings[0] ?? '';
    fragment.values.forEach((value, index) => {
      if (value instanceof Sql) {
        text += walk(value);
      } else {
        values.push(toParameter(value));
        text += `$${values.length}`;
      }
      text += fragment.strings[index + 1] ?? '';
    });
    return text;
  };
  return { text: walk(query), values };
};
