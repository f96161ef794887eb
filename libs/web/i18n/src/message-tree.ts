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
