export { liveFacts, type LiveFact } from '../../inventory/liveTargets';

export const LIVE_DETAILS =
  'Only after a live check the user asked for: `incident-docs lint --live`, or a "Check live" code lens in the editor. No connection is ever made otherwise.';
