/**
 * Every route of the site with the site's base in front (src/lib/routes.ts), for pages and
 * browser scripts: `link.study(key)` is `/evidence-atlas/studies/<key>/` under a base.
 */
import { base } from 'virtual:evidence-atlas/config';
import { routesWithBase } from '../lib/routes.ts';

export const link = routesWithBase(base);
export { anchors } from '../lib/routes.ts';
