import type { Instrumentation } from 'next';

// Runs once when the server starts (Node.js runtime only; the edge bundle never sees the rest).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./db/startup');
  await startServer();
}

/**
 * Every unhandled error of a request, as one structured log line (app/_lib/log.ts): the route and
 * the path without its query (a search may hold free text), never headers or cookies.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log } = await import('./db/log');
  log.error(
    {
      event: 'request_error',
      err: error,
      digest: (error as { digest?: string }).digest,
      method: request.method,
      path: request.path.split('?')[0],
      route: context.routePath,
      routeType: context.routeType,
    },
    'request failed',
  );
};
