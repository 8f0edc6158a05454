/**
 * Error-message catalogues by language. English is complete; another language adds a file with
 * an `ErrorPhrases` object (any key it lacks falls back to English) and one line below.
 */
import { de } from './de.ts';
import { type ErrorCode, type ErrorPhrases, en } from './en.ts';

export type { ErrorCode } from './en.ts';

const catalogues: Readonly<Record<string, ErrorPhrases>> = { en, de };

export const errorLanguages = Object.keys(catalogues);

const lookup = (catalogue: ErrorPhrases | undefined, code: string): string | undefined => {
  let node: unknown = catalogue;
  for (const part of code.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
};

const interpolate = (template: string, values: Readonly<Record<string, unknown>>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (match, key: string) => {
    const value = values[key];
    if (value === undefined || value === null) return match === '{{errorDescription}}' ? '' : match;
    return Array.isArray(value) ? value.join(', ') : String(value);
  });

export const translateError = (
  code: ErrorCode,
  language: string,
  values: Readonly<Record<string, unknown>> = {},
): string => interpolate(lookup(catalogues[language], code) ?? lookup(en, code) ?? code, values);
