import type { Label, LabelEvent } from '../../../contract/labels.js';
import type { LabelEventRecord, LabelRecord } from './labels.store.js';

export const toLabelWire = (l: LabelRecord): Label => ({
  ID: l.id,
  Name: l.name,
  IsActive: l.isActive,
  Notes: l.notes,
});

export const toLabelEventWire = (e: LabelEventRecord): LabelEvent => ({
  ID: e.id,
  LabelID: e.labelId,
  EntityType: e.entityType,
  EntityIDs: e.entityIds.join(','),
  StartDate: e.startDate,
  EndDate: e.endDate,
});
