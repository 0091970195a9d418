/**
 * Reading a webhook body under two bounds: its own size (WEBHOOK_MAX_BODY_BYTES, 413) and the bytes
 * buffered by all requests in flight together (WEBHOOK_MAX_INFLIGHT_BYTES, 503 with Retry-After).
 *
 * Bytes are counted as they arrive, not as announced, so a client that announces 1 MiB and stalls
 * holds only what it really sent. They are given back when the request ends, whichever way: answered,
 * rejected, timed out by the server or aborted by the client.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The process-wide count of webhook body bytes held in memory. */
export class InflightBudget {
  private usedBytes = 0;

  constructor(readonly limitBytes: number) {}

  get used(): number {
    return this.usedBytes;
  }

  /** Takes `bytes` if they fit; false (and nothing taken) otherwise. */
  take(bytes: number): boolean {
    if (this.usedBytes + bytes > this.limitBytes) return false;
    this.usedBytes += bytes;
    return true;
  }

  release(bytes: number): void {
    this.usedBytes = Math.max(0, this.usedBytes - bytes);
  }
}

/** 413: the body is larger than the per-request limit. */
export class BodyTooLargeError extends Error {
  readonly statusCode = 413;
  constructor(readonly limitBytes: number) {
    super(`body larger than WEBHOOK_MAX_BODY_BYTES (${limitBytes} bytes)`);
    this.name = 'BodyTooLargeError';
  }
}

/** 503: buffering this body would exceed the bytes allowed across all requests in flight. */
export class InflightLimitError extends Error {
  readonly statusCode = 503;
  constructor(readonly limitBytes: number) {
    super(`webhook bodies in flight would exceed WEBHOOK_MAX_INFLIGHT_BYTES (${limitBytes} bytes)`);
    this.name = 'InflightLimitError';
  }
}

/** 400: the body ended before (or after) the announced Content-Length, or the stream failed. */
export class BodyReadError extends Error {
  readonly statusCode = 400;
  constructor(message: string) {
    super(message);
    this.name = 'BodyReadError';
  }
}

export interface ReadBodyOptions {
  maxBytes: number;
  budget: InflightBudget;
}

/**
 * Reads `payload` into one Buffer. Bytes taken from `budget` stay taken until `response` closes (the
 * body is in use until then) or the request is aborted; on a 413/503 they are released at once and
 * the rest of the body is not kept.
 */
export function readBody(payload: IncomingMessage, response: ServerResponse, options: ReadBodyOptions): Promise<Buffer> {
  const { maxBytes, budget } = options;
  const announced = payload.headers['content-length'];
  const contentLength = announced === undefined ? undefined : Number(announced);

  return new Promise<Buffer>((resolve, reject) => {
    let held = 0;
    let received = 0;
    let chunks: Buffer[] = [];
    let settled = false;
    let released = false;

    const release = () => {
      if (released) return;
      released = true;
      budget.release(held);
      held = 0;
      chunks = [];
    };
    const stop = () => {
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
    };
    const fail = (err: Error) => {
      stop();
      release();
      if (settled) return;
      settled = true;
      reject(err);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > maxBytes) return fail(new BodyTooLargeError(maxBytes));
      if (!budget.take(bytes.length)) return fail(new InflightLimitError(budget.limitBytes));
      held += bytes.length;
      chunks.push(bytes);
    };
    const onEnd = () => {
      stop();
      if (contentLength !== undefined && received !== contentLength) {
        return fail(new BodyReadError(`body of ${received} bytes does not match Content-Length ${contentLength}`));
      }
      settled = true;
      const body = Buffer.concat(chunks, received);
      chunks = [];
      resolve(body);
    };
    const onError = (err: Error) => fail(new BodyReadError(`body could not be read: ${err.message}`));

    // Whatever ends the exchange gives the bytes back: the answer sent, or the socket gone.
    response.once('close', release);
    response.once('finish', release);
    payload.once('close', () => {
      if (!settled) fail(new BodyReadError('client closed the connection before the body ended'));
    });

    if (contentLength !== undefined && Number.isFinite(contentLength)) {
      if (contentLength > maxBytes) return fail(new BodyTooLargeError(maxBytes));
      // Refuse at once what cannot fit now, rather than read it and then refuse.
      if (budget.used + contentLength > budget.limitBytes) return fail(new InflightLimitError(budget.limitBytes));
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  });
}
