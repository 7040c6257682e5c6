import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { stateInWords } from './portal-format';

/** The state as a badge: blue while the desk works on it, grey once closed. */
export function TicketStateBadge({ type }: { type: string }) {
  const { t } = useTranslation();
  const color = type === 'new' ? 'indigo' : type === 'open' ? 'blue' : type.startsWith('pending') ? 'yellow' : 'gray';
  return (
    <Badge variant="light" color={color} c="dark.7" tt="none" size="md">
      {stateInWords(type, t)}
    </Badge>
  );
}
