/**
 * Log lines never carry PEM bodies: a private key pasted into a document must not reach the output
 * channel through an error message, a settings problem or a stack. Every armoured block (keys,
 * certificates, requests) is cut down to its labels, and so is a BEGIN line left unterminated.
 */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,64})-----[\s\S]*?(?:-----END \1-----|$)/g;

export function redactPem(message: string): string {
  return message.replace(PEM_BLOCK, (_block, label: string) => `-----BEGIN ${label}----- [redacted] -----END ${label}-----`);
}
