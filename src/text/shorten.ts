/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function shorten(value: string, max: number): string {
  const text = value.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // A single word longer than the limit is cut where it must be; anything else ends on a whole word.
  return `${(space > max / 3 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
