// How times, states and people appear on every page, so the board, the overdue board and the
// drill-downs agree.
import { S } from './strings.js';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

export function time(seconds) {
  if (!seconds) return S.common.none;
  return dateTime.format(new Date(seconds * 1000));
}

export const state = (s) => S.states[s] ?? s ?? S.common.none;
export const rating = (r) => S.ratings[r] ?? r ?? S.common.none;
export const eventKind = (k) => S.events[k] ?? k;
export const or = (value) => (value === undefined || value === null || value === '' ? S.common.none : value);

// "2026-11-18" for a date input, in the browser's time zone.
export function isoDate(d) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
