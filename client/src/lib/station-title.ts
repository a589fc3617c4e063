import type { TFunction } from 'i18next';

/** "Station 3 – Köksbordet", or just the name when it already says which station it is. */
export function stationTitle(t: TFunction, station: { number: number; name: string }): string {
  if (station.name.includes(String(station.number))) return station.name;
  return t('station.title', { number: station.number, name: station.name });
}
