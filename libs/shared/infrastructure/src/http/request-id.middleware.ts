import type { NextFunction, Request, Response } from 'express';
import { newId } from '@tmk/shared-kernel';
import { runWithRequestContext } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it looks sane, a new UUIDv7 otherwise), returns
 * it in the response header and makes it the correlation id of logs and events caused by the request.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : newId();
  (req as Request & { id: string }).id = requestId;
  res.setHeader('X-Request-Id', requestId);
  runWithRequestContext({ requestId }, next);
}
