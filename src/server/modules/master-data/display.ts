/**
 * Server-computed display labels (API.md §6.5). They are stored with each record because
 * ListDisplayText is the default order of client and job lists.
 *
 *   Job.ListDisplayText     "JobNumber - Name", or Name when the job has no number (the example of §6.5)
 *   Client.ListDisplayText  "ClientNumber - Name", or Name — the same rule as jobs, since ClientNumber is
 *                           the client's counterpart of JobNumber; ShortName is an abbreviation used in
 *                           place of the name, not beside it, so it does not take part
 *   Task.ListDisplayText    "TaskCode - Name", or Name
 *   Job.ListDisplayName     "<client's Name> - <job's ListDisplayText>": the job as a flat pick list shows
 *                           it, with its client; the job's ListDisplayText alone when the client is unknown
 */
const label = (code: string, name: string) => (code.trim() === '' ? name : `${code.trim()} - ${name}`);

export const clientDisplayText = (c: { clientNumber: string; name: string }) => label(c.clientNumber, c.name);
export const jobDisplayText = (j: { jobNumber: string; name: string }) => label(j.jobNumber, j.name);
export const taskDisplayText = (t: { taskCode: string; name: string }) => label(t.taskCode, t.name);
export const jobDisplayName = (jobText: string, clientName: string | undefined) =>
  clientName === undefined ? jobText : `${clientName} - ${jobText}`;
