export {
  loadCompany,
  moduleOn,
  effectiveSettings,
  type CompanyView,
  type EffectiveSettings,
} from './company.service.js';
export { CompanyCache } from './company.cache.js';
export { insertCompany, countCompanies, type CompanyRecord } from './company.store.js';
export { DEFAULT_COMPANY_SETTINGS } from './company.defaults.js';
