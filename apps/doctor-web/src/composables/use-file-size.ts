import { useI18n } from 'vue-i18n';
import { localeTag } from '@tmk/web-ui';
import { fileSize } from '../requests/files';

/** File sizes in the interface language: «180 КБ», «1,5 МБ» (call inside `setup`). */
export function useFileSize(): (bytes: number) => string {
  const { t, locale } = useI18n();
  return (bytes) => {
    const { unit, value } = fileSize(bytes);
    const n = new Intl.NumberFormat(localeTag(locale.value), { maximumFractionDigits: 1 }).format(value);
    return t(`request.files.${unit}`, { n });
  };
}
