'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/field';
import { signOutIdleAction } from './actions';

// The session ends after `idleSeconds` without a request (auth.config.ts). A few minutes before,
// a modal dialog says so and offers to stay signed in; when time runs out the browser signs out,
// so that the screen does not keep showing data to whoever walks by. Tabs share the time of the
// last activity through localStorage, so that one busy tab keeps the others open.
// Typing reaches no server until the form is sent (a person writing minutes may type for half an
// hour), so while someone types the browser renews the session now and then — at most once per
// min(60 s, idle/6). Nobody typing, nothing is sent: the server's idle rule still holds.

/** How often typing may renew the session, in milliseconds. */
export function keepAliveInterval(idleSeconds: number): number {
  return Math.min(60, idleSeconds / 6) * 1000;
}

const STORAGE_KEY = 'lagesbild.lastActivity';

function readShared(): number {
  const value = Number(window.localStorage.getItem(STORAGE_KEY));
  return Number.isFinite(value) ? value : 0;
}

export function IdleWarning({ idleSeconds, warningSeconds }: { idleSeconds: number; warningSeconds: number }) {
  const t = useTranslations('session');
  const pathname = usePathname();
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const lastActivity = useRef<number>(0);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const signingOut = useRef(false);

  const markActive = useCallback((at: number = Date.now()) => {
    lastActivity.current = Math.max(lastActivity.current, at);
    try {
      window.localStorage.setItem(STORAGE_KEY, String(lastActivity.current));
    } catch {
      // Private browsing may refuse storage: each tab then keeps its own time.
    }
  }, []);

  // Every navigation reached the server (the proxy renewed the session).
  useEffect(() => {
    markActive();
  }, [pathname, markActive]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY) lastActivity.current = Math.max(lastActivity.current, Number(event.newValue) || 0);
    };
    window.addEventListener('storage', onStorage);
    // A submitted form reached the server through the proxy, which renewed the session.
    const onSubmit = () => markActive();
    document.addEventListener('submit', onSubmit, true);
    let lastKeepAlive = Date.now();
    const onTyping = () => {
      const now = Date.now();
      if (now - lastKeepAlive < keepAliveInterval(idleSeconds) || signingOut.current) return;
      lastKeepAlive = now;
      // Reading the session renews it; only a renewed session counts as activity.
      void fetch('/api/auth/session', { cache: 'no-store' })
        .then((response) => (response.ok ? response.json() : null))
        .then((session: { user?: unknown } | null) => {
          if (session?.user) markActive(now);
        })
        .catch(() => {
          // Offline for a moment: the next keystroke tries again after the interval.
        });
    };
    document.addEventListener('input', onTyping, true);
    const tick = () => {
      lastActivity.current = Math.max(lastActivity.current, readShared());
      const left = Math.ceil((lastActivity.current + idleSeconds * 1000 - Date.now()) / 1000);
      if (left <= 0) {
        if (!signingOut.current) {
          signingOut.current = true;
          void signOutIdleAction();
        }
        return;
      }
      setSecondsLeft(left <= warningSeconds ? left : null);
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => {
      window.removeEventListener('storage', onStorage);
      document.removeEventListener('submit', onSubmit, true);
      document.removeEventListener('input', onTyping, true);
      window.clearInterval(timer);
    };
  }, [idleSeconds, warningSeconds, markActive]);

  const open = secondsLeft !== null;
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  async function staySignedIn() {
    setBusy(true);
    // Reading the session renews it (a new expiry from now).
    const response = await fetch('/api/auth/session', { cache: 'no-store' });
    const session = response.ok ? await response.json() : null;
    setBusy(false);
    if (!session?.user) {
      router.push('/login?reason=idle');
      return;
    }
    markActive();
    setSecondsLeft(null);
  }

  const minutes = secondsLeft === null ? 0 : Math.floor(secondsLeft / 60);
  const seconds = secondsLeft === null ? 0 : secondsLeft % 60;

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="idle-title"
      aria-describedby="idle-body"
      onCancel={(event) => {
        // Escape means "I am here": the same as the button.
        event.preventDefault();
        void staySignedIn();
      }}
      className="m-auto max-w-md rounded border border-slate-400 p-6 shadow-xl backdrop:bg-slate-900/50"
    >
      <h2 id="idle-title" className="text-xl font-semibold">
        {t('warningTitle')}
      </h2>
      <p id="idle-body" className="mt-3">
        {t('warningBody', { minutes, seconds })}
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <button type="button" onClick={staySignedIn} disabled={busy} className={buttonClass} autoFocus>
          {t('stay')}
        </button>
        <button
          type="button"
          onClick={() => void signOutIdleAction()}
          className="rounded border border-slate-500 px-4 py-2 font-medium hover:bg-slate-100"
        >
          {t('signOut')}
        </button>
      </div>
    </dialog>
  );
}
