import 'i18next';
import type { sv } from './sv.ts';

// Swedish is the source of truth for keys: `t('station.title')` is checked against it by tsc.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof sv };
    returnNull: false;
  }
}
