import { libraryExport } from '../data/exports.ts';

export const GET = libraryExport('ris');
