/**
 * The one catalogue of error codes. Every failure a caller can see carries
 * one of these codes; batch output and the HTTP API report them as data.
 */
export const ERROR_CODES = {
  EMPTY_INPUT: "The input has no bytes or no text.",
  NOT_HTML: "The input does not look like an HTML page (binary or another format).",
  NOT_TEXT: "The input does not look like text (binary data).",
  TOO_LARGE: "The input is larger than the configured limit.",
  DECODE_FAILED: "The bytes could not be decoded to text.",
  PARSE_FAILED: "The HTML could not be parsed.",
  TIMEOUT: "Extraction took longer than the time limit.",
  FETCH_FAILED: "The URL could not be fetched.",
  FETCH_BLOCKED: "The URL points to a private, loopback or link-local address.",
  BAD_REQUEST: "The request is malformed.",
  NOT_FOUND: "No such article in the archive.",
  UNAUTHORIZED: "The server needs an access token, and the request has none or a wrong one.",
  FORBIDDEN: "The request came from another web site, or named a host this server does not answer to.",
  OVERLOADED: "The server is busy; retry later.",
  STORE_FAILED: "The archive could not be read or written.",
  QUEUE_FAILED: "The job queue (Redis) could not be reached, or refused a command.",
  READ_FAILED: "A batch input could not be read: missing, unreadable, truncated or not in the expected format.",
  INTERNAL: "An unexpected internal error.",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class NewsclipError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? ERROR_CODES[code], options);
    this.name = "NewsclipError";
    this.code = code;
  }
  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Any thrown value as a `{code, message}` record, for batch output and APIs. */
export function errorRecord(err: unknown): { code: ErrorCode; message: string } {
  if (err instanceof NewsclipError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: "INTERNAL", message };
}

/** A worker stopped by its resourceLimits (Node's ERR_WORKER_OUT_OF_MEMORY). */
export function outOfMemory(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === "ERR_WORKER_OUT_OF_MEMORY" || /reaching memory limit|heap out of memory/i.test(e?.message ?? "");
}
