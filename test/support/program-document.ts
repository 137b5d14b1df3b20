/**
 * Programs written as the observations table is published, for tests that make programs at
 * random: front matter, a heading, and one table row a visit.
 */

/**
 * A program document in the program-information form: visit `i` is labelled `Visit i`, its
 * target numbered by its place in `targets`.
 */
export function programDocument(rows: readonly { template: string; target: string }[], targets: readonly string[]): string {
  return [
    '---',
    'id: 99',
    '---',
    '# 99 - Random program',
    '',
    '| Label | Observing Template | Science Target |',
    '|---|---|---|',
    ...rows.map((row, i) => `| Visit ${i + 1} | ${row.template} | (${targets.indexOf(row.target) + 1}) ${row.target} |`),
    '',
  ].join('\n');
}
