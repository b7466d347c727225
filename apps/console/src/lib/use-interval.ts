'use client';
import { useEffect, useState } from 'react';

/** A clock that re-renders every `ms` (relative times, "x s ago"). */
export function useNow(ms = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
