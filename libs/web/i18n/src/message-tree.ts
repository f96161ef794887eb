/** A tree of messages: leaves are vue-i18n message strings. */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

/**
 * The shape another language must have: the same keys as the reference (Russian), every leaf a string.
 * Typing `uk` and `en` with it makes a missing or extra key a compile error, not a blank in the UI.
 */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/** Dotted paths of all leaves, e.g. `nav.requests.new`. */
export function messageKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : messageKeys(value, `${prefix}${key}.`),
  );
}

/** Looks a dotted path up; undefined when absent or not a leaf. */
export function messageAt(tree: MessageTree, path: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of path.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Deep merge; `extra` wins on conflicts (an app may refine a shared text). Inputs are not modified. */
export function mergeMessages(base: MessageTree, extra: MessageTree): MessageTree {
  const result: Record<string, string | MessageTree> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key];
    result[key] =
      typeof value !== 'string' && current !== undefined && typeof current !== 'string'
        ? mergeMessages(current, value)
        : value;
  }
  return result;
}

/** Named placeholders of a message (`{id}` → `id`), sorted, to compare translations. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*\}/g)].map((m) => m[1] ?? '').sort();
}

/** What is wrong with a translation compared with the reference (Russian) catalogue; all empty when fine. */
export interface CatalogueReport {
  readonly missing: string[];
  readonly extra: string[];
  readonly empty: string[];
  readonly placeholders: string[];
  /** Sentences left in the reference language (brand names and short labels may stay the same). */
  readonly copied: string[];
}

export function compareCatalogues(reference: MessageTree, translation: MessageTree): CatalogueReport {
  const refKeys = messageKeys(reference);
  const keys = messageKeys(translation);
  const has = new Set(keys);
  const refHas = new Set(refKeys);
  return {
    missing: refKeys.filter((k) => !has.has(k)),
    extra: keys.filter((k) => !refHas.has(k)),
    empty: keys.filter((k) => !messageAt(translation, k)?.trim()),
    placeholders: refKeys.filter(
      (k) =>
        has.has(k) &&
        JSON.stringify(placeholders(messageAt(reference, k) ?? '')) !==
          JSON.stringify(placeholders(messageAt(translation, k) ?? '')),
    ),
    copied: refKeys.filter((k) => {
      const text = messageAt(reference, k) ?? '';
      return text.length > 12 && text === messageAt(translation, k);
    }),
  };
}
