import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalApi, portalKeys, unwrap } from '../portal-api';
import { portalErrorText } from '../portal-errors';
import type { PortalTicket } from '../portal-types';

/** "Close ticket", asked once more in a dialog, for when the customer's request is settled. */
export function CloseTicketButton({ ticket }: { ticket: PortalTicket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const mutation = useMutation({
    mutationFn: () => unwrap(portalApi.POST('/api/v1/portal/tickets/{id}/close', { params: { path: { id: ticket.id } } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(portalKeys.ticket(ticket.id), updated);
      void queryClient.invalidateQueries({ queryKey: portalKeys.tickets });
      close();
      notifications.show({ color: 'green', message: t('The ticket is closed.') });
    },
  });
  return (
    <>
      <Button variant="default" onClick={open}>
        {t('Close ticket')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('Close this ticket?')} closeButtonProps={{ 'aria-label': t('Cancel') }}>
        <Stack>
          <Text size="sm">{t('Close the ticket when your request is settled. The help desk then stops working on it.')}</Text>
          {mutation.error && (
            <Alert color="red" role="alert">
              {portalErrorText(mutation.error, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('Cancel')}
            </Button>
            <Button color="red.9" loading={mutation.isPending} onClick={() => mutation.mutate()}>
              {t('Yes, close ticket')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
