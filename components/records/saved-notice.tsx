'use client';

import { useEffect } from 'react';
import { FormSaved } from '@/components/ui/field';

/**
 * On the record's page after a save: "Ärendet AB-2026-0079 är registrerat" as a status message,
 * where the page starts. The address loses its `?saved=` at once, so that a reload or a bookmark
 * does not say it again.
 */
export function SavedNotice({ message }: { message: string | null }) {
  useEffect(() => {
    if (!message) return;
    const url = new URL(window.location.href);
    url.searchParams.delete('saved');
    window.history.replaceState(window.history.state, '', url);
  }, [message]);
  return <FormSaved message={message} />;
}
