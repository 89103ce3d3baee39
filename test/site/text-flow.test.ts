/**
 * Words and links keep their spaces on every page: no word glued to a link ("browse allstudies",
 * "Download the record:BibTeX"), and no space that a template's line break put before punctuation
 * ("BibTeX , RIS"). See text-flow.ts for how a page's text is read.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { sharedSite } from './site.ts';
import { gluedLinks, strayedSpaces } from './text-flow.ts';

const { pages } = sharedSite();

describe('text around links', () => {
  it('finds the mistakes it looks for', () => {
    const sample = parse(
      '<body><p>Download the record:<a href="a">BibTeX</a> ·<a href="b">RIS</a>, browse all<a href="c">studies</a>' +
        ' or <a href="d">topics</a>s, and doi:<a href="e">10.1000/x</a>.</p><p>(<a href="f">see how</a>) .</p></body>',
    );
    expect(gluedLinks(sample)).toHaveLength(4);
    expect(strayedSpaces(sample)).toEqual(['"(see how) ."']);
    expect(gluedLinks(parse('<p>See <a href="x">this</a>, <code>x</code> or <a href="y">that</a>.</p>'))).toEqual([]);
  });

  it('has no word glued to a link on any page', () => {
    expect(pages.size).toBeGreaterThan(40);
    const found = [...pages].flatMap(([path, html]) => gluedLinks(html).map((each) => `${path}: ${each}`));
    expect(found).toEqual([]);
  });

  it('has no space before closing punctuation or after an opening bracket on any page', () => {
    const found = [...pages].flatMap(([path, html]) => strayedSpaces(html).map((each) => `${path}: ${each}`));
    expect(found).toEqual([]);
  });
});
