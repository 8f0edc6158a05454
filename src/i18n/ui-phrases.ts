/**
 * The sign-in pages' phrases (Logto's `@logto/phrases-ui`, `{ translation: { input, secondary,
 * action, description, error, demo_app } }`) and a tenant's custom phrases over them (spec §14).
 */
import { isLanguageTag } from '@logto/language-kit';
import phrases from '@logto/phrases-ui';

import { uiSupplement } from './ui-supplement.ts';

type Tree = { [key: string]: string | Tree };

const packaged = phrases as unknown as Record<string, { translation: Tree }>;

/** Languages the sign-in pages ship; any other needs custom phrases. */
export const builtInUiLanguages: ReadonlySet<string> = new Set(Object.keys(packaged));

export const isKnownLanguageTag = (tag: string) => isLanguageTag(tag);

/** `override` deep-merged over `base`. */
export const mergeTranslations = (base: Tree, override: Tree): Tree => {
  const merged: Tree = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] =
      typeof value === 'object' && typeof current === 'object' ? mergeTranslations(current, value) : value;
  }
  return merged;
};

/** Each language: the package's phrases, with Latch's supplement (English where it has none). */
const builtIn = new Map(
  Object.entries(packaged).map(([language, { translation }]) => [
    language,
    mergeTranslations(
      mergeTranslations(translation, uiSupplement.en as unknown as Tree),
      (uiSupplement[language] ?? {}) as unknown as Tree,
    ),
  ]),
);

export const builtInTranslation = (language: string): Tree | undefined => builtIn.get(language);

const english = builtIn.get('en')!;

/**
 * A custom translation with its empty values removed, or the first key path that the English
 * translation does not have with the same kind (text or group).
 */
export const cleanTranslation = (
  value: unknown,
  reference: Tree = english,
  path: string[] = [],
): { translation: Tree } | { invalidPath: string } => {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { invalidPath: path.join('.') || '(root)' };
  const cleaned: Tree = {};
  for (const [key, inner] of Object.entries(value)) {
    // Own keys only: `constructor` or `__proto__` are not phrase keys.
    const expected = Object.hasOwn(reference, key) ? reference[key] : undefined;
    const here = [...path, key];
    if (expected === undefined) return { invalidPath: here.join('.') };
    if (typeof expected === 'string') {
      if (typeof inner !== 'string') return { invalidPath: here.join('.') };
      if (inner !== '') cleaned[key] = inner;
      continue;
    }
    const nested = cleanTranslation(inner, expected, here);
    if ('invalidPath' in nested) return nested;
    if (Object.keys(nested.translation).length > 0) cleaned[key] = nested.translation;
  }
  return { translation: cleaned };
};

export type { Tree as Translation };
