/**
 * Trial registry identifiers: which registry an ID belongs to, and where its record is.
 */
export interface RegistryLink {
  readonly id: string;
  readonly registry: string;
  readonly url: string | undefined;
}

const registries: { name: string; pattern: RegExp; url: (id: string) => string | undefined }[] = [
  { name: 'ClinicalTrials.gov', pattern: /^NCT\d{8}$/, url: (id) => `https://clinicaltrials.gov/study/${id}` },
  { name: 'ISRCTN', pattern: /^ISRCTN\d{8}$/, url: (id) => `https://www.isrctn.com/${id}` },
  {
    name: 'EU Clinical Trials Register',
    pattern: /^(?:EudraCT )?\d{4}-\d{6}-\d{2}$/,
    url: (id) => `https://www.clinicaltrialsregister.eu/ctr-search/search?query=${id.replace(/^EudraCT /, '')}`,
  },
  {
    name: 'EU Clinical Trials Information System',
    pattern: /^\d{4}-\d{6}-\d{2}-\d{2}$/,
    url: (id) => `https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT=${id}`,
  },
  {
    name: 'ANZCTR',
    pattern: /^ACTRN\d{14}$/,
    url: (id) => `https://www.anzctr.org.au/Trial/Registration/TrialReview.aspx?ACTRN=${id.slice(5)}`,
  },
  {
    name: 'German Clinical Trials Register',
    pattern: /^DRKS\d{8}$/,
    url: (id) => `https://drks.de/search/en/trial/${id}`,
  },
  {
    name: 'Chinese Clinical Trial Registry',
    pattern: /^ChiCTR[-\w]+$/,
    url: (id) => `https://www.chictr.org.cn/searchprojEN.html?regno=${id}`,
  },
  { name: 'Clinical Trials Registry – India', pattern: /^CTRI\/\d{4}\/\d{2,3}\/\d{6}$/, url: () => undefined },
  {
    name: 'PROSPERO',
    pattern: /^CRD\d{11}$/,
    url: (id) => `https://www.crd.york.ac.uk/prospero/display_record.php?RecordID=${id.slice(3)}`,
  },
  { name: 'OSF', pattern: /^osf\.io\/[a-z0-9]{5}$/, url: (id) => `https://${id}` },
];

/** The registry of an ID and the address of its record; undefined for an ID of no known form. */
export function registryLink(id: string): RegistryLink | undefined {
  const trimmed = id.trim();
  const registry = registries.find((each) => each.pattern.test(trimmed));
  return registry ? { id: trimmed, registry: registry.name, url: registry.url(trimmed) } : undefined;
}

/** The forms an ID may take, for messages. */
export const registryForms =
  'NCT01234567, ISRCTN12345678, EudraCT 2017-003288-36, 2023-501234-12-00, ACTRN12345678901234, DRKS00012345, ChiCTR2000012345, CTRI/2020/01/012345, CRD42020123456, osf.io/abcde';
