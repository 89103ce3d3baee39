/**
 * The export writers on entries made for each rule: BibTeX from the entry as written (braces,
 * `and others`, particles with `useprefix`, `ids`, only fields biblatex allows), RIS with every
 * author and page ranges and journals as readers take them, CSL-JSON with "others" and the
 * title's protected case. test/site/readers.test.ts reads the real site's files with pandoc,
 * biber and bibutils.
 */
import { describe, expect, it } from 'vitest';
import { allowsField, knowsType } from '../src/lib/biblatex-model.ts';
import { parseBibliography, type Reference } from '../src/lib/bibliography.ts';
import { toBibtex, toCslJson, toRis } from '../src/lib/exports.ts';

const library = parseBibliography([
  {
    path: 'references/x.bib',
    text: String.raw`
@article{rotz2023,
  ids     = {wrongrotz2023, rotz2022},
  author  = {von Rotz, Robin and {Ot'alora G.}, Marcela and others},
  title   = {{MDMA}-assisted therapy at {pH} 7: A {\"O}sterreich \emph{in vivo} study},
  journal = {eClinicalMedicine},
  year    = {2023},
  volume  = {56},
  pages   = {101--109},
  doi     = {10.1016/j.eclinm.2022.101809},
  howpublished = {Online ahead of print},
  publisher = {Elsevier},
  annote  = {Editors' note: full author list not confirmed.},
  note    = {Another note for editors}
}

@article{plain2020,
  author  = {Doe, Jane},
  title   = {A plain title},
  journal = {Journal},
  year    = {2020},
  url     = {not a web address},
  options = {maxnames=3}
}

@webpage{page2021,
  author  = {van der Berg, Ann},
  title   = {A web page},
  year    = {2021},
  url     = {https://example.org/page}
}
`,
  },
]);
const get = (key: string) => library.references.get(key as never) as Reference;

describe('the parsed reference keeps what exports need', () => {
  it('marks the name lists that end in "and others" and the braced parts of the title', () => {
    const rotz = get('rotz2023');
    expect(rotz.namesWithOthers).toEqual(['author']);
    expect(rotz.authorListIncomplete).toBe(true);
    expect(rotz.titleMarkup).toBe(
      '<span class="nocase">MDMA</span>-assisted therapy at <span class="nocase">pH</span> 7: A Österreich <i>in vivo</i> study',
    );
    expect(get('plain2020').titleMarkup).toBeUndefined();
    expect(rotz.entry.fields['author']).toBe("von Rotz, Robin and {Ot'alora G.}, Marcela and others");
  });
});

describe('BibTeX', () => {
  const bib = toBibtex([get('rotz2023'), get('plain2020'), get('page2021')]);
  const entry = (key: string) => bib.slice(bib.indexOf(`{${key},`), bib.indexOf('\n}\n', bib.indexOf(`{${key},`)));

  it('writes the entry as the source wrote it: names, braces, LaTeX and aliases', () => {
    const rotz = entry('rotz2023');
    expect(rotz).toContain("author  = {von Rotz, Robin and {Ot'alora G.}, Marcela and others}");
    expect(rotz).toContain('title   = {{MDMA}-assisted therapy at {pH} 7: A {\\"O}sterreich \\emph{in vivo} study}');
    expect(rotz).toContain('ids     = {wrongrotz2023, rotz2022}');
    expect(rotz).toContain('doi     = {10.1016/j.eclinm.2022.101809}');
  });

  it('keeps "von" in the family name for BibTeX readers with useprefix, adding to existing options', () => {
    expect(entry('rotz2023')).toContain('options = {useprefix=true}');
    expect(entry('page2021')).toContain('options = {useprefix=true}');
    expect(entry('plain2020')).toContain('options = {maxnames=3}');
  });

  it('leaves out editors’ notes, fields biblatex does not allow on the type and a url that is not one', () => {
    const rotz = entry('rotz2023');
    for (const field of ['annote', 'note', 'howpublished', 'publisher'])
      expect(rotz).not.toMatch(new RegExp(`^  ${field}\\b`, 'm'));
    expect(entry('plain2020')).not.toContain('url');
    expect(bib).toContain('@misc{page2021,');
  });

  it('follows biber’s data model', () => {
    expect(allowsField('article', 'journal')).toBe(true);
    expect(allowsField('article', 'howpublished')).toBe(false);
    expect(allowsField('misc', 'howpublished')).toBe(true);
    expect(allowsField('phdthesis', 'school')).toBe(true);
    expect(allowsField('article', 'ids')).toBe(true);
    expect(knowsType('conference')).toBe(true);
    expect(knowsType('webpage')).toBe(false);
  });
});

describe('CSL-JSON', () => {
  const [rotz] = JSON.parse(toCslJson([get('rotz2023')])) as Record<string, unknown>[];

  it('ends an incomplete list with "others", as pandoc reads and writes it', () => {
    expect(rotz?.['author']).toEqual([
      { family: 'Rotz', given: 'Robin', 'non-dropping-particle': 'von' },
      { family: "Ot'alora G.", given: 'Marcela' },
      { literal: 'others' },
    ]);
  });

  it('keeps the braced parts of the title from case changes, and no editors’ notes', () => {
    expect(rotz?.['title']).toBe(get('rotz2023').titleMarkup);
    expect(rotz).not.toHaveProperty('note');
    expect(rotz).not.toHaveProperty('annote');
  });
});

describe('RIS', () => {
  const ris = toRis([get('rotz2023')]);

  it('gives every author, the particle in front of the family name', () => {
    expect(ris).toContain("AU  - von Rotz, Robin\r\nAU  - Ot'alora G., Marcela\r\n");
  });

  it('splits a page range into SP and EP and names the journal as JF too', () => {
    expect(ris).toContain('SP  - 101\r\nEP  - 109\r\n');
    expect(ris).toContain('T2  - eClinicalMedicine\r\nJF  - eClinicalMedicine\r\n');
  });
});
