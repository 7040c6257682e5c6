import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import { Alert, createTheme, MantineProvider, Notification } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client';
import { i18next } from '../lib/i18n';

/**
 * Shade 8 keeps text in the primary colour above WCAG AA contrast (4.5:1) on white and on light
 * fills; autoContrast picks dark or light text on filled colours. Close buttons (notifications,
 * alerts) get a translated name for screen readers.
 */
function useTheme() {
  const { t } = useTranslation();
  const close = t('Close');
  return useMemo(
    () =>
      createTheme({
        primaryColor: 'indigo',
        primaryShade: 8,
        autoContrast: true,
        defaultRadius: 'sm',
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        components: {
          Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': close } } }),
          Alert: Alert.extend({ defaultProps: { closeButtonLabel: close } }),
        },
      }),
    [close],
  );
}

function ThemedApp({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={useTheme()} defaultColorScheme="light">
      <Notifications position="top-right" />
      {children}
    </MantineProvider>
  );
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refused request (403, 404, 409) will not succeed by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

/** Theme, data cache, translations and notifications around the whole app. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18next}>
      <QueryClientProvider client={queryClient}>
        <ThemedApp>{children}</ThemedApp>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
