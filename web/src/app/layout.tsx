import { AppShell, Burger, Button, Group, Menu, NavLink, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api, unwrap } from '../lib/api-client';
import { connectLiveEvents } from '../lib/live-events';
import { useLogout, useSession } from './session';

const NAVIGATION = [
  { to: '/', label: 'Overview', hotkey: 'g o' },
  { to: '/queues', label: 'Queue view', hotkey: 'g q' },
  { to: '/tickets/new/phone', label: 'New phone ticket', hotkey: 'g p' },
  { to: '/tickets/new/email', label: 'New email ticket', hotkey: 'g e' },
] as const;

/** Opens a ticket by its number from the header. */
function TicketNumberJump() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [number, setNumber] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => input.current?.focus()]]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = number.trim().replace(/^#/, '');
    if (!wanted) return;
    try {
      const ticket = await unwrap(api.GET('/api/v1/tickets/by-number/{number}', { params: { path: { number: wanted } } }));
      setNumber('');
      navigate(`/tickets/${ticket.id}`);
    } catch {
      notifications.show({ color: 'red', message: t('No ticket with the number {{number}} that you may see.', { number: wanted }) });
    }
  }
  return (
    <form onSubmit={submit} role="search">
      <TextInput ref={input} size="xs" w={{ base: 130, sm: 200 }} value={number} onChange={(e) => setNumber(e.currentTarget.value)} placeholder={t('Ticket number')} aria-label={t('Open ticket by number')} />
    </form>
  );
}

/** Header, navigation and the page; keeps the live event stream open while logged in. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure();
  useEffect(() => connectLiveEvents(queryClient), [queryClient]);
  useEffect(close, [location.pathname, close]);
  useHotkeys(NAVIGATION.map((item) => [item.hotkey, () => navigate(item.to)]));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('Skip to content')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('Menu')} />
            <UnstyledButton component={Link} to="/" fw={700} fz="lg">
              Ticketwerk
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <TicketNumberJump />
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="subtle" size="compact-sm" title={t('Account menu')}>
                  <Text size="sm" truncate maw={140}>
                    {session.agent.firstName} {session.agent.lastName}
                  </Text>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/preferences">
                  {t('Preferences')}
                </Menu.Item>
                <Menu.Item
                  onClick={async () => {
                    await logout();
                    navigate('/login');
                  }}
                >
                  {t('Log out')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('Main navigation')}>
        {NAVIGATION.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            active={item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to)}
          />
        ))}
        <VisuallyHidden>{t('Keyboard: g o overview, g q queues, g p phone ticket, g e email ticket, / ticket number')}</VisuallyHidden>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
