/**
 * The reader of program documents before the fast path: the whole document through the
 * Markdown parser (CommonMark, GFM tables, YAML front matter). The tests hold the fast reader
 * to it.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';

export function oracleMarkdownTree(text: string): ReturnType<typeof fromMarkdown> {
  return fromMarkdown(text, {
    extensions: [gfmTable(), frontmatter(['yaml'])],
    mdastExtensions: [gfmTableFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
}
