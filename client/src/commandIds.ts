/** The client's commands, one place for ids (package.json contributes them; a manifest test checks both agree). */
export const COMMANDS = {
  newPostmortem: 'incidentDocs.newPostmortem',
  insertTimelineEntry: 'incidentDocs.insertTimelineEntry',
  scanWorkspace: 'incidentDocs.scanWorkspace',
  checkLiveCertificate: 'incidentDocs.checkLiveCertificate',
  lookUpCertificate: 'incidentDocs.lookUpCertificate',
  refreshCertificates: 'incidentDocs.refreshCertificates',
  openCertificate: 'incidentDocs.openCertificate',
} as const;

export const CERTIFICATES_VIEW = 'incidentDocs.certificates';
