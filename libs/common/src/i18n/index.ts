export * from './language';
export { CATALOGUE_ZH, catalogueKeyOf, listing, localise, localiseError, localiseProblems, translateToChinese } from './localise';
