import type { RequestHandler } from 'express';
import { sendProblem } from './problem.js';

type Closer = () => Promise<unknown>;

/** Shutdown state shared by the server and the app: draining flag and clients to close. */
export class Lifecycle {
  private draining = false;
  private readonly closers: Closer[] = [];

  /** Registers a client (Redis, …) to close once in-flight requests are done. */
  onClose(closer: Closer): void {
    this.closers.push(closer);
  }

  startDraining(): void {
    this.draining = true;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.closers.map((closer) => closer()));
  }

  /** While shutting down, new requests on kept-alive connections get 503 so clients retry elsewhere. */
  readonly rejectWhileDraining: RequestHandler = (_req, res, next) => {
    if (!this.draining) {
      next();
      return;
    }
    res.set('Connection', 'close');
    sendProblem(res, 503, 'The server is shutting down; retry shortly.');
  };
}
