/**
 * The pages' phrases: `/api/.well-known/phrases` picks the language (the browser's, the
 * experience's fallback, or English) and lays the tenant's custom phrases over the built-in ones.
 * Phrases use i18next's `{{name}}` and `{{types, list(type: disjunction;)}}` forms.
 */
import { createContext, useContext, useMemo } from 'react';

type Tree = { [key: string]: string | Tree };

export type Phrases = { language: string; translation: Tree };

const lookup = (tree: Tree, key: string): string | undefined => {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
};

export type Vars = Record<string, string | number | string[]>;

export const translate = (phrases: Phrases, key: string, vars: Vars = {}): string => {
  const text = lookup(phrases.translation, key) ?? key;
  // Markup in the phrase first (`<link></link>` becomes its variable, other tags go), then the
  // variables: a value is shown as it is, whatever it contains.
  return text
    .replace(/<(\w+)><\/\1>/g, (_match, name: string) => `{{${name}}}`)
    .replace(/<\/?\w+>/g, '')
    .replace(
      /\{\{-?\s*(\w+)\s*(?:,\s*list\(type:\s*(\w+);?\))?\s*\}\}/g,
      (_match, name: string, type?: string) => {
        const value = vars[name];
        if (Array.isArray(value)) {
          return new Intl.ListFormat(phrases.language, {
            type: type === 'disjunction' ? 'disjunction' : 'conjunction',
          }).format(value);
        }
        return value === undefined ? '' : String(value);
      },
    );
};

export const loadPhrases = async (): Promise<Phrases> => {
  const requested = new URLSearchParams(window.location.search).get('lng');
  const response = await fetch(
    `/api/.well-known/phrases${requested ? `?lng=${encodeURIComponent(requested)}` : ''}`,
  );
  if (!response.ok) throw new Error(`phrases: ${response.status}`);
  const { translation } = (await response.json()) as { translation: Tree };
  return { language: response.headers.get('content-language') ?? 'en', translation };
};

export const PhrasesContext = createContext<Phrases>({ language: 'en', translation: {} });

/** `t('action.sign_in')`, `t('error.general_required', { types: ['Email'] })`. */
export const useT = () => {
  const phrases = useContext(PhrasesContext);
  return useMemo(() => (key: string, vars?: Vars) => translate(phrases, key, vars), [phrases]);
};

export const useLanguage = () => useContext(PhrasesContext).language;
