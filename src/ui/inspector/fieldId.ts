/**
 * The DOM id of a field's input, so Problems can take a person to a field with a draft. Apart from fields.tsx, whose
 * code loads with the forms, after the page's first chunk.
 */
export function fieldInputId(key: string): string {
  return `field-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
