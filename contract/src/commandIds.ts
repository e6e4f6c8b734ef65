/**
 * Every command id of the extension, each spelled once. The server's commands are run through
 * `workspace/executeCommand`; the client's are contributed in package.json (test/manifest.test.ts
 * checks both agree).
 */

/**
 * The server's commands, every one of which connects to hosts: the client asks before letting
 * one run in an untrusted workspace, and the server lists exactly these in `executeCommandProvider`.
 */
export const LIVE_COMMANDS = {
  /** `{host, port?, servername?, uri?}` or "host[:port]" → ProbeOutcome. */
  checkLiveCert: 'incidentDocs.checkLiveCert',
  /** `{uri, entry}` → `{host, outcome}[]`; the "Check live" code lens. */
  checkLiveEntry: 'incidentDocs.checkLiveEntry',
} as const;

/** The server's commands that connect nowhere: run as they come. */
export const SERVER_COMMANDS = {
  /** `ruleId` → opens the rule's section of the rule reference (`window/showDocument`); the "Show documentation" quick fix. */
  showRuleDocumentation: 'incidentDocs.showRuleDocumentation',
} as const;

/** The client's commands (palette, menus, the Certificates view). */
export const CLIENT_COMMANDS = {
  newPostmortem: 'incidentDocs.newPostmortem',
  insertTimelineEntry: 'incidentDocs.insertTimelineEntry',
  scanWorkspace: 'incidentDocs.scanWorkspace',
  checkLiveCertificate: 'incidentDocs.checkLiveCertificate',
  lookUpCertificate: 'incidentDocs.lookUpCertificate',
  refreshCertificates: 'incidentDocs.refreshCertificates',
  openCertificate: 'incidentDocs.openCertificate',
  openIncidentReport: 'incidentDocs.openIncidentReport',
} as const;

export const CERTIFICATES_VIEW = 'incidentDocs.certificates';
