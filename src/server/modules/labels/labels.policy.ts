/**
 * Who may see and change report labels (CATALOGUE Labels, LabelEvents). Pure.
 *
 *   every operation          Admin, or Manager with Run Company Reports for all jobs
 *   DELETE /Labels/{ID}      Admin only
 */
import { forbidden } from '../../errors.js';
import { hasPermission, isAdmin, type Actor } from '../../lib/permissions.js';

export function requireLabels(actor: Actor): void {
  if (!hasPermission(actor, 'Run Company Reports', { all: true })) {
    throw forbidden('You need to be an Admin or hold Run Company Reports for all jobs.');
  }
}

export function requireLabelDelete(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only an Admin may delete a label.');
}
