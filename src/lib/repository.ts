/**
 * Addresses in the site's Git repository (the `ATLAS_REPOSITORY` setting): where a content file is
 * edited, and a new issue about a page, with its title and body filled in. Browser-safe.
 */

/** `<repository>/edit/<branch>/<file>`: the host's editor for a file, by its path in the repository. */
export function editUrl(repository: string, file: string, branch = 'main'): string {
  const path = file
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return `${repository.replace(/\/+$/, '')}/edit/${branch.split('/').map(encodeURIComponent).join('/')}/${path}`;
}

/** What a reader reports about a page. */
export interface PageReport {
  /** The page's title. */
  readonly title: string;
  /** The page's public address. */
  readonly url: string;
}

/** `<repository>/issues/new?title=…&body=…`: a new issue naming the page, every value encoded. */
export function issueUrl(repository: string, { title, url }: PageReport): string {
  const query = new URLSearchParams({
    title: `Problem on “${title}”`,
    body: [
      `Page: ${url}`,
      '',
      'What is wrong (a number, a reference, a link, something unclear), and where on the page:',
      '',
    ].join('\n'),
  });
  return `${repository.replace(/\/+$/, '')}/issues/new?${query.toString()}`;
}
