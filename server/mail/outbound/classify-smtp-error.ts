/** What a failed SMTP attempt means for the message. */
export interface SmtpFailure {
  /** True when retrying cannot help: the relay refused this message or its recipients (5xx). */
  permanent: boolean;
  /** The relay's answer (or the connection problem) as admins and agents see it. */
  message: string;
}

/** The fields of a nodemailer error this looks at. */
interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/**
 * Classifies a nodemailer error. A 5xx answer to MAIL FROM, RCPT TO or DATA rejects the
 * message for good; 4xx answers, connection, TLS and login problems are the relay's or the
 * configuration's and are retried, so a misconfigured password does not fail every mail.
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpErrorLike;
  const answer = e.response?.trim() || e.message || 'unknown error';
  const message = e.command && e.command !== 'API' && e.command !== 'CONN' ? `${e.command}: ${answer}` : answer;
  const aboutMessage = e.code === 'EENVELOPE' || e.code === 'EMESSAGE';
  if (e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode < 600) {
    return { permanent: aboutMessage, message: aboutMessage ? message : `${message} (relay problem; will retry)` };
  }
  if (e.responseCode !== undefined && e.responseCode >= 400) return { permanent: false, message };
  // Without an answer, an envelope/message error was found before sending (e.g. a malformed address).
  if (aboutMessage) return { permanent: true, message };
  return { permanent: false, message: e.code ? `${e.code}: ${answer}` : answer };
}
