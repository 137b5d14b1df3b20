/**
 * Text for a terminal of a given width: long lines wrapped at spaces, nothing dropped.
 * @module
 */

/** The narrowest width text is wrapped to: below it, continuation lines would hold a word or two. */
export const MIN_WRAP_WIDTH = 40;

/**
 * Wrap every line of `text` longer than `width` at spaces: each continuation line is indented
 * four spaces more than the line it continues (two where the line has no indent), so the eye
 * finds where a record starts. A word longer than the room left is cut where the line ends.
 * Every word of the text stays, in order; only the spaces at a break are dropped.
 */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}

function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = /^ */.exec(line)![0].length;
  const more = ' '.repeat(Math.min(indent + (indent === 0 ? 2 : 4), width - MIN_WRAP_WIDTH / 2));
  const out: string[] = [];
  let rest = line;
  let prefix = '';
  while (prefix.length + rest.length > width) {
    const room = width - prefix.length;
    // The last space within the room, past the line's own indent (a break there would leave an empty line).
    const floor = prefix === '' ? indent : 0;
    // A column gap (two spaces) in the second half of the room keeps a column's words together;
    // else the last space.
    const gap = rest.lastIndexOf('  ', room - 1);
    let cut = gap > floor && gap >= room / 2 ? gap : rest.lastIndexOf(' ', room);
    if (cut <= floor) cut = -1;
    const head = cut < 0 ? rest.slice(0, room) : rest.slice(0, cut);
    out.push(`${prefix}${head}`.trimEnd());
    rest = (cut < 0 ? rest.slice(room) : rest.slice(cut)).trimStart();
    prefix = more;
  }
  if (rest !== '') out.push(`${prefix}${rest}`);
  return out;
}
