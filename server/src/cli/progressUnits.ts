/** What a progress line counts: files checked by `lint`, hosts probed by `lint --live`. */
export type ProgressUnit = 'files' | 'hosts';
