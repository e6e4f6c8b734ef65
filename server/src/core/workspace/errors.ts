/**
 * A problem with a path or a file the tool was pointed at, in words a person understands. Neutral:
 * the CLI maps it to exit code 2, the language server to a log line or a failed request.
 */
export class WorkspaceError extends Error {
  constructor(
    message: string,
    /** `usage`: the path itself is wrong (no such file, empty glob); `io`: it exists but cannot be read. */
    readonly kind: 'usage' | 'io' = 'io',
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** The errno code of a failed file system call, or its message: short, never a stack. */
export function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a file';
  return code ?? String((e as Error)?.message ?? e);
}
