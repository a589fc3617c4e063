import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';

/** "Station 3 – Köksbordet", or just the name when it already says which station it is. */
export function stationTitle(station: { number: number; name: string }): string {
  if (station.name.includes(String(station.number))) return station.name;
  return interpolate(sv.station.title, { number: station.number, name: station.name });
}
