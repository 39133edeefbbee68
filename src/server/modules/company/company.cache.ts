/**
 * Company settings are read on almost every request that applies a rule; they are cached per process
 * and dropped on any company invalidation (from this or another process).
 */
import type { Invalidation } from '../../auth/invalidation.js';
import type { CompanyRecord } from './company.store.js';

export class CompanyCache {
  private readonly byId = new Map<string, CompanyRecord>();
  private generation = 0;

  get(id: string): CompanyRecord | undefined {
    return this.byId.get(id);
  }
  begin(): number {
    return this.generation;
  }
  set(record: CompanyRecord, startedAt: number): void {
    if (startedAt === this.generation) this.byId.set(record.id, record);
  }
  apply(event: Invalidation): void {
    if (event.kind === 'user') return;
    this.generation++;
    if (event.kind === 'all') this.byId.clear();
    else this.byId.delete(event.companyId);
  }
}
