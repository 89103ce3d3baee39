import { referenceExport, referencePaths } from '../../data/exports.ts';

export const getStaticPaths = referencePaths;
export const GET = referenceExport('bib');
