/** Every text of a translation bundle by its dotted key, e.g. `station.title`, as i18next looks them up. */
export function textsOf(tree: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') found.set(path, value);
    else if (typeof value === 'object' && value !== null) for (const [inner, text] of textsOf(value, path)) found.set(inner, text);
    else throw new Error(`${path} is neither a text nor a group of texts`);
  }
  return found;
}
