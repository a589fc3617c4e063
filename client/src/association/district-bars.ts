import type { ListProgress } from '@ringstuga/shared';
import type { Bar } from '../charts/BarChart.tsx';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';

type District = ListProgress['districts'][number];

/** Contacts without a voting district come as '' from the server. */
export function districtName(district: District): string {
  return district.district === '' ? sv.listProgress.noDistrict : district.district;
}

/** Conversations per voting district, in the server's order (by code, the district-less last); none before the first. */
export function districtBars(districts: readonly District[]): Bar[] {
  if (!districts.some((district) => district.conversations > 0)) return [];
  return districts.map((district) => ({
    key: district.district === '' ? '-' : `d-${district.district}`,
    label: district.district === '' ? sv.format.none : district.district,
    value: district.conversations,
  }));
}

/** "Samtal per valdistrikt: totalt 40 i 6 valdistrikt, flest i 0180-12 med 11." */
export function districtSummary(title: string, districts: readonly District[]): string {
  const peak = districts.reduce<District | undefined>((best, d) => (!best || d.conversations > best.conversations ? d : best), undefined);
  if (!peak || peak.conversations === 0) return `${title}: ${sv.listProgress.noConversations}`;
  const total = districts.reduce((sum, d) => sum + d.conversations, 0);
  return interpolate(sv.listProgress.districtSummary, {
    title,
    total,
    districts: districts.length,
    peak: districtName(peak),
    peakValue: peak.conversations,
  });
}
