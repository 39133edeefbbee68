export {
  findEmploymentType,
  findEmploymentTypes,
  type EmploymentTypeRecord,
} from './employment-types.store.js';
