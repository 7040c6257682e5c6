import { Anchor, Box, Button, Container, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from './language-switch';
import { usePortalCustomer, usePortalSignOut } from './portal-session';

/** The desk's name as customers see it at the top of every portal page. */
export const DESK_NAME = 'Ticketwerk';

const NAVIGATION = [
  { to: '/customer', label: 'My tickets' },
  { to: '/customer/tickets/new', label: 'New ticket' },
  { to: '/customer/profile', label: 'My profile' },
] as const;

function DeskName() {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to="/customer" fw={700} fz="lg">
      {DESK_NAME}{' '}
      <Text span fw={400} fz="sm" c="gray.7">
        {t('Help desk')}
      </Text>
    </UnstyledButton>
  );
}

/** Header of the signed-in portal: desk name, language, the customer's name, sign out, and the portal's own three places. */
export function PortalLayout() {
  const { t } = useTranslation();
  const customer = usePortalCustomer();
  const signOut = usePortalSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const isCurrent = (to: string) => location.pathname.replace(/\/$/, '') === to || (to === '/customer' && /^\/customer\/tickets\/\d+/.test(location.pathname));

  return (
    <Box mih="100vh" bg="gray.0">
      <a href="#main" className="skip-link">
        {t('Skip to content')}
      </a>
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="xs">
          <Group justify="space-between" gap="xs">
            <DeskName />
            <Group gap="xs">
              <LanguageSwitch />
              <Text size="sm" fw={500} truncate maw={180}>
                {customer.firstName} {customer.lastName}
              </Text>
              <Button
                size="compact-sm"
                variant="default"
                onClick={async () => {
                  await signOut();
                  navigate('/customer/sign-in');
                }}
              >
                {t('Sign out')}
              </Button>
            </Group>
          </Group>
          <Group component="nav" aria-label={t('Portal navigation')} gap="md" mt="xs">
            {NAVIGATION.map((item) => (
              <Anchor key={item.to} component={Link} to={item.to} fw={isCurrent(item.to) ? 700 : 500} aria-current={isCurrent(item.to) ? 'page' : undefined} underline={isCurrent(item.to) ? 'always' : 'hover'}>
                {t(item.label)}
              </Anchor>
            ))}
          </Group>
        </Container>
      </Box>
      <Container size="md" py="md" component="main" id="main" tabIndex={-1}>
        <Outlet />
      </Container>
    </Box>
  );
}

/** Pages before sign-in: desk name and language switch above one centred card. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="xs">
          <Group justify="space-between" gap="xs">
            <DeskName />
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={440} py="xl" px="md" component="main" id="main">
        <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }}>
          {children}
        </Paper>
        <Text size="xs" c="gray.7" ta="center" mt="md">
          {t('Customer portal of the help desk')}
        </Text>
      </Container>
    </Box>
  );
}
