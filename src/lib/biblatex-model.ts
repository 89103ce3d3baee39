/**
 * biblatex's default data model, as biber 2.18 validates it (`biber --tool --validate-datamodel`):
 * the fields every entry type takes, the fields of each type, and the legacy BibTeX names biber's
 * default source map renames before it validates. Read from biber's `biber-tool.conf`; the
 * BibTeX export (./exports.ts) writes only fields this model allows.
 */

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

/** Fields every entry type takes. */
export const globalFields = words(`
  abstract annotation authortype bookpagination crossref day doi eprint eprintclass eprinttype
  endday endhour endminute endmonth endsecond endtimezone endyear endyeardivision entryset
  entrysubtype execute file gender hour ids indextitle indexsorttitle isan ismn iswc keywords
  label langid langidopts library lista listb listc listd liste listf minute month namea nameb
  namec nameatype namebtype namectype nameaddon options origday origendday origendhour
  origendminute origendmonth origendsecond origendtimezone origendyear origendyeardivision
  orighour origminute origmonth origsecond origtimezone origyear origyeardivision origlocation
  origpublisher origtitle pagination presort related relatedoptions relatedstring relatedtype
  second shortauthor shorteditor shorthand shorthandintro shortjournal shortseries shorttitle
  sortkey sortname sortshorthand sorttitle sortyear timezone url urlday urlendday urlendhour
  urlendminute urlendmonth urlendsecond urlendtimezone urlendyear urlhour urlminute urlmonth
  urlsecond urltimezone urlyear usera userb userc userd usere userf verba verbb verbc xdata xref
  year yeardivision
`);

/** A part of a book: `inbook`, `bookinbook` and `suppbook` take the same fields. */
const inbookFields = words(`
  addendum afterword annotator author bookauthor booksubtitle booktitle booktitleaddon chapter
  commentator edition editor editora editoratype editorb editorbtype editorc editorctype
  editortype eid foreword introduction isbn language location mainsubtitle maintitle
  maintitleaddon note number origlanguage pages part publisher pubstate series subtitle title
  titleaddon translator volume volumes
`);

/** A collection: `collection` and `reference` take the same fields. */
const collectionFields = words(`
  addendum afterword annotator chapter commentator edition editor editora editoratype editorb
  editorbtype editorc editorctype editortype eid foreword introduction isbn language location
  mainsubtitle maintitle maintitleaddon note number origlanguage pages pagetotal part publisher
  pubstate series subtitle title titleaddon translator volume volumes
`);

/** A contribution to a collection: `incollection`, `inreference` and `suppcollection`. */
const incollectionFields = words(`
  addendum afterword annotator author booksubtitle booktitle booktitleaddon chapter commentator
  edition editor editora editoratype editorb editorbtype editorc editorctype editortype eid
  foreword introduction isbn language location mainsubtitle maintitle maintitleaddon note number
  origlanguage pages part publisher pubstate series subtitle title titleaddon translator volume
  volumes
`);

/** `misc` and `software` take the same fields. */
const miscFields = words(`
  addendum author editor editortype howpublished language location note organization pubstate
  subtitle title titleaddon type version
`);

/** A multi-volume collection: `mvcollection` and `mvreference`. */
const mvcollectionFields = words(`
  addendum afterword annotator author commentator edition editor editora editoratype editorb
  editorbtype editorc editorctype editortype foreword introduction isbn language location note
  number origlanguage publisher pubstate subtitle title titleaddon translator volume volumes
`);

/** The fields of each entry type, besides the global ones. */
export const typeFields: Readonly<Record<string, ReadonlySet<string>>> = {
  article: words(`
    addendum annotator author commentator editor editora editoratype editorb editorbtype editorc
    editorctype editortype eid issn issue issuesubtitle issuetitle issuetitleaddon journalsubtitle
    journaltitle journaltitleaddon language note number origlanguage pages pubstate series subtitle
    title titleaddon translator version volume
  `),
  bibnote: words('note'),
  book: words(`
    addendum afterword annotator author chapter commentator edition editor editora editoratype
    editorb editorbtype editorc editorctype editortype eid foreword introduction isbn language
    location mainsubtitle maintitle maintitleaddon note number origlanguage pages pagetotal part
    publisher pubstate series subtitle title titleaddon translator volume volumes
  `),
  bookinbook: inbookFields,
  booklet: words(`
    addendum author chapter editor editortype eid howpublished language location note pages
    pagetotal pubstate subtitle title titleaddon type
  `),
  collection: collectionFields,
  dataset: words(`
    addendum author edition editor editortype language location note number organization publisher
    pubstate series subtitle title titleaddon type version
  `),
  inbook: inbookFields,
  incollection: incollectionFields,
  inproceedings: words(`
    addendum author booksubtitle booktitle booktitleaddon chapter editor editortype eid eventday
    eventendday eventendhour eventendminute eventendmonth eventendsecond eventendtimezone
    eventendyear eventendyeardivision eventhour eventminute eventmonth eventsecond eventtimezone
    eventtitle eventtitleaddon eventyear eventyeardivision isbn language location mainsubtitle
    maintitle maintitleaddon note number organization pages part publisher pubstate series subtitle
    title titleaddon venue volume volumes
  `),
  inreference: incollectionFields,
  manual: words(`
    addendum author chapter edition editor editortype eid isbn language location note number
    organization pages pagetotal publisher pubstate series subtitle title titleaddon type version
  `),
  misc: miscFields,
  mvbook: words(`
    addendum afterword annotator author commentator edition editor editora editoratype editorb
    editorbtype editorc editorctype editortype foreword introduction isbn language location note
    number origlanguage pagetotal publisher pubstate series subtitle title titleaddon translator
    volume volumes
  `),
  mvcollection: mvcollectionFields,
  mvproceedings: words(`
    addendum editor editortype eventday eventendday eventendhour eventendminute eventendmonth
    eventendsecond eventendtimezone eventendyear eventendyeardivision eventhour eventminute
    eventmonth eventsecond eventtimezone eventtitle eventtitleaddon eventyear eventyeardivision isbn
    language location note number organization pagetotal publisher pubstate series subtitle title
    titleaddon venue volumes
  `),
  mvreference: mvcollectionFields,
  online: words(`
    addendum author editor editortype language note organization pubstate subtitle title titleaddon
    version
  `),
  patent: words(`
    addendum author holder location note number pubstate subtitle title titleaddon type version
  `),
  periodical: words(`
    addendum editor editora editoratype editorb editorbtype editorc editorctype editortype issn
    issue issuesubtitle issuetitle issuetitleaddon language note number pubstate series subtitle
    title titleaddon volume yeardivision
  `),
  proceedings: words(`
    addendum chapter editor editortype eid eventday eventendday eventendhour eventendminute
    eventendmonth eventendsecond eventendtimezone eventendyear eventendyeardivision eventhour
    eventminute eventmonth eventsecond eventtimezone eventtitle eventtitleaddon eventyear
    eventyeardivision isbn language location mainsubtitle maintitle maintitleaddon note number
    organization pages pagetotal part publisher pubstate series subtitle title titleaddon venue
    volume volumes
  `),
  reference: collectionFields,
  report: words(`
    addendum author chapter eid institution isrn language location note number pages pagetotal
    pubstate subtitle title titleaddon type version
  `),
  set: words('entryset'),
  software: miscFields,
  suppbook: inbookFields,
  suppcollection: incollectionFields,
  thesis: words(`
    addendum author chapter eid institution language location note pages pagetotal pubstate subtitle
    title titleaddon type
  `),
  unpublished: words(`
    addendum author eventday eventendday eventendhour eventendminute eventendmonth eventendsecond
    eventendtimezone eventendyear eventendyeardivision eventhour eventminute eventmonth eventsecond
    eventtimezone eventtitle eventtitleaddon eventyear eventyeardivision howpublished language
    location note pubstate subtitle title titleaddon type venue
  `),
};

/** BibTeX's entry types that biber reads as biblatex ones. */
export const typeAliases: Readonly<Record<string, string>> = {
  conference: 'inproceedings',
  electronic: 'online',
  www: 'online',
  mastersthesis: 'thesis',
  phdthesis: 'thesis',
  techreport: 'report',
};

/** BibTeX's field names that biber reads as biblatex ones. */
export const fieldAliases: Readonly<Record<string, string>> = {
  address: 'location',
  school: 'institution',
  annote: 'annotation',
  archiveprefix: 'eprinttype',
  journal: 'journaltitle',
  primaryclass: 'eprintclass',
  key: 'sortkey',
  pdf: 'file',
};

/** Whether biber's data model allows `field` (a BibTeX or biblatex name) on `type`. */
export function allowsField(type: string, field: string): boolean {
  const name = field.toLowerCase();
  const canonical = fieldAliases[name] ?? name;
  const own = typeFields[typeAliases[type.toLowerCase()] ?? type.toLowerCase()];
  return globalFields.has(canonical) || (own?.has(canonical) ?? false);
}

/** Whether biber's data model knows the entry type (BibTeX's aliases included). */
export function knowsType(type: string): boolean {
  const name = type.toLowerCase();
  return (typeAliases[name] ?? name) in typeFields;
}
