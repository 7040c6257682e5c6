import { Loader, Select, TagsInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../lib/api-client';
import type { CustomerUser } from '../lib/api-types';
import { formatAddress, invalidAddresses } from './address-list';

/** Customer users matching what the agent typed (two characters or more), debounced. */
export function useCustomerSearch(search: string) {
  const [debounced] = useDebouncedValue(search.trim(), 250);
  return useQuery({
    queryKey: ['customer-users', 'search', debounced],
    queryFn: () => unwrap(api.GET('/api/v1/customer-users', { params: { query: { search: debounced, limit: 10 } } })),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** "Anna Berg <anna@uni.example>" for a customer user. */
export function customerAddress(c: Pick<CustomerUser, 'firstName' | 'lastName' | 'email'>): string {
  return formatAddress(`${c.firstName} ${c.lastName}`, c.email);
}

interface AddressListInputProps {
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  /** A server error for this field. */
  error?: string | null;
  disabled?: boolean;
  autoFocus?: boolean;
  required?: boolean;
}

/** To/Cc/Bcc: several addresses, customer suggestions as you type, free addresses allowed, syntax checked. */
export function AddressListInput({ label, value, onChange, error, disabled, autoFocus, required }: AddressListInputProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { data, isFetching } = useCustomerSearch(search);
  const options = useMemo(() => {
    const found = (data?.items ?? []).filter((c) => c.isValid && c.email).map(customerAddress);
    return [...new Set(found)].filter((entry) => !value.includes(entry));
  }, [data, value]);
  const invalid = invalidAddresses(value);
  const message = error ?? (invalid.length ? t('Not a valid mail address: {{addresses}}', { addresses: invalid.join(', ') }) : null);
  return (
    <TagsInput
      label={label}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      data={search.trim().length >= 2 ? options : []}
      // The server already searched; show its answer as it is.
      filter={({ options: all }) => all}
      splitChars={[',', ';']}
      acceptValueOnBlur
      clearable
      disabled={disabled}
      autoFocus={autoFocus}
      required={required}
      error={message}
      rightSection={isFetching ? <Loader size="xs" /> : undefined}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={260}
    />
  );
}

interface CustomerPickerProps {
  label: string;
  value: CustomerUser | null;
  onChange: (customer: CustomerUser | null) => void;
  error?: string | null;
  required?: boolean;
  autoFocus?: boolean;
  description?: string;
}

/** Picks one customer user by name, login or mail address (new tickets). */
export function CustomerPicker({ label, value, onChange, error, required, autoFocus, description }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { data, isFetching } = useCustomerSearch(search);
  const found = useMemo(() => {
    const all = new Map<number, CustomerUser>();
    if (value) all.set(value.id, value);
    for (const c of data?.items ?? []) if (c.isValid) all.set(c.id, c);
    return all;
  }, [data, value]);
  const options = [...found.values()].map((c) => ({ value: String(c.id), label: `${c.firstName} ${c.lastName} <${c.email}> (${c.login})` }));
  return (
    <Select
      label={label}
      description={description}
      placeholder={t('Type a name, login or mail address')}
      searchable
      clearable
      required={required}
      autoFocus={autoFocus}
      value={value ? String(value.id) : null}
      onChange={(id) => onChange(id ? (found.get(Number(id)) ?? null) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      filter={({ options: all }) => all}
      nothingFoundMessage={search.trim().length >= 2 && !isFetching ? t('No customer found') : undefined}
      rightSection={isFetching ? <Loader size="xs" /> : undefined}
      error={error}
      maxDropdownHeight={280}
    />
  );
}
