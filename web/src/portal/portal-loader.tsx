import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A spinner that announces itself as status while a portal page loads. */
export function PortalLoader() {
  const { t } = useTranslation();
  return (
    <Center h="40vh">
      <Loader role="status" aria-label={t('Loading')} />
    </Center>
  );
}
