import { SegmentedControl } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { i18next, type Language } from '../lib/i18n';
import { portalApi, unwrap } from './portal-api';
import { portalErrorText } from './portal-errors';
import { usePortalSessionQuery, useUpdateCustomer } from './portal-session';

/** Deutsch | English. Signed in, the choice is the customer's own setting (kept on the server); before, the browser keeps it. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { data: session } = usePortalSessionQuery();
  const updateCustomer = useUpdateCustomer();

  async function choose(language: Language) {
    localStorage.setItem('ticketwerk.language', language);
    await i18next.changeLanguage(language);
    if (!session) return;
    try {
      updateCustomer(await unwrap(portalApi.PATCH('/api/v1/portal/me', { body: { language } })));
    } catch (error) {
      notifications.show({ color: 'red', message: portalErrorText(error, t) });
    }
  }

  return (
    <SegmentedControl
      aria-label={t('Language')}
      size="xs"
      value={i18next.resolvedLanguage === 'de' ? 'de' : 'en'}
      onChange={(value) => void choose(value === 'de' ? 'de' : 'en')}
      data={[
        { value: 'de', label: 'Deutsch' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
