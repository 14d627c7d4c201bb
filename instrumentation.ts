// Runs once when the server starts (Node.js runtime only; the edge bundle never sees the rest).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./app/_lib/startup');
  await startServer();
}
