import type { ListProgress } from '@ringstuga/shared';
import type { TFunction } from 'i18next';
import type { Bar } from '../charts/BarChart.tsx';

type District = ListProgress['districts'][number];

/** Contacts without a voting district come as '' from the server. */
export function districtName(t: TFunction, district: District): string {
  return district.district === '' ? t('listProgress.noDistrict') : district.district;
}

/** Conversations per voting district, in the server's order (by code, the district-less last); none before the first. */
export function districtBars(t: TFunction, districts: readonly District[]): Bar[] {
  if (!districts.some((district) => district.conversations > 0)) return [];
  return districts.map((district) => ({
    key: district.district === '' ? '-' : `d-${district.district}`,
    label: district.district === '' ? t('format.none') : district.district,
    value: district.conversations,
  }));
}

/** "Samtal per valdistrikt: totalt 40 i 6 valdistrikt, flest i 0180-12 med 11." */
export function districtSummary(t: TFunction, title: string, districts: readonly District[]): string {
  const peak = districts.reduce<District | undefined>((best, d) => (!best || d.conversations > best.conversations ? d : best), undefined);
  if (!peak || peak.conversations === 0) return `${title}: ${t('listProgress.noConversations')}`;
  const total = districts.reduce((sum, d) => sum + d.conversations, 0);
  return t('listProgress.districtSummary', {
    count: districts.length,
    title,
    total,
    districts: districts.length,
    peak: districtName(t, peak),
    peakValue: peak.conversations,
  });
}
