import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The password rule the server checks (server/core/auth/password.ts). */
export const MIN_PASSWORD_LENGTH = 8;

/** Whether a new password and its repetition may be sent. */
export function isNewPasswordValid(password: string, repeat: string): boolean {
  return password.length >= MIN_PASSWORD_LENGTH && password === repeat;
}

interface NewPasswordFieldsProps {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  /** The form was submitted once: show what is wrong. */
  showErrors: boolean;
  /** The server's refusal of the new password, if any. */
  serverError?: string;
}

/** New password and its repetition, with the rule stated up front and errors at the fields. */
export function NewPasswordFields({ password, repeat, onPassword, onRepeat, showErrors, serverError }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const tooShort = showErrors && password.length < MIN_PASSWORD_LENGTH ? t('At least {{min}} characters.', { min: MIN_PASSWORD_LENGTH }) : undefined;
  const mismatch = showErrors && repeat !== password ? t('The two new passwords differ.') : undefined;
  return (
    <>
      <PasswordInput
        label={t('New password')}
        description={t('At least {{min}} characters.', { min: MIN_PASSWORD_LENGTH })}
        styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => onPassword(e.currentTarget.value)}
        error={serverError ?? tooShort}
      />
      <PasswordInput label={t('Repeat password')} autoComplete="new-password" required value={repeat} onChange={(e) => onRepeat(e.currentTarget.value)} error={mismatch} />
    </>
  );
}
