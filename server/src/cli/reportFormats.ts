/** `report --format`: what the command's help lists at start-up and runReport.ts writes. */
export const REPORT_FORMATS = ['html', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
