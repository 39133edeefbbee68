export { findDivision, findDivisions, listAllDivisions, type DivisionRecord } from './divisions.store.js';
