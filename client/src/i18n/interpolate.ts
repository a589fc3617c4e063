/** Fills `{{name}}` placeholders, the syntax react-i18next uses, so strings move over unchanged. */
export function interpolate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}
