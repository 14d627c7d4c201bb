// One error type for expected refusals from the data layer. Pages map not_found → 404 and
// forbidden → 403; actions turn every code into an { ok: false } result.
export type AppErrorCode = 'not_found' | 'forbidden' | 'conflict' | 'invalid';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string = code,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
