import { Alert, Box, Button, Group, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchBlob } from '../lib/api-client';
import type { Attachment } from '../lib/api-types';
import { normaliseContentId, prepareMailHtml } from './mail-html';

interface MailHtmlFrameProps {
  html: string;
  /** The article's files; those whose Content-ID the HTML references are shown in place. */
  attachments: Pick<Attachment, 'id' | 'contentId'>[];
  /** Where an attachment downloads from with the viewer's session (agent API or portal). */
  attachmentUrl: (attachmentId: number) => string;
  /** Names the frame for screen readers, e.g. the article's subject. */
  title: string;
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Shows an HTML mail in a sandboxed iframe (no scripts, no origin, no forms; links open in a new
 * tab). Remote images stay blocked until the agent asks for them; inline images are fetched
 * here with the session cookie, because the sandboxed frame cannot send it.
 */
export function MailHtmlFrame({ html, attachments, attachmentUrl, title }: MailHtmlFrameProps) {
  const { t } = useTranslation();
  const [allowRemoteImages, setAllowRemoteImages] = useState(false);
  const [tall, setTall] = useState(false);
  const referenced = useMemo(() => prepareMailHtml(html, { allowRemoteImages: false, inlineImages: {} }).contentIds, [html]);
  const inline = attachments.filter((a) => a.contentId && referenced.includes(normaliseContentId(a.contentId)));
  const images = useQueries({
    queries: inline.map((attachment) => ({
      queryKey: ['inline-image', attachmentUrl(attachment.id)],
      queryFn: async () => readAsDataUrl(await fetchBlob(attachmentUrl(attachment.id))),
      staleTime: Infinity,
    })),
  });
  const inlineKey = images.map((q) => q.data ?? '').join('|');
  const prepared = useMemo(() => {
    const inlineImages: Record<string, string> = {};
    inline.forEach((attachment, index) => {
      const data = images[index]?.data;
      if (data && attachment.contentId) inlineImages[normaliseContentId(attachment.contentId)] = data;
    });
    return prepareMailHtml(html, { allowRemoteImages, inlineImages });
    // inlineKey stands for the fetched images; the arrays themselves are new on every render.
  }, [html, allowRemoteImages, inlineKey]);
  const height = tall ? Math.max(prepared.estimatedHeight, 900) : prepared.estimatedHeight;

  return (
    <Box>
      {prepared.blockedRemote > 0 && (
        <Alert color="gray" variant="light" p="xs" mb="xs">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('Remote images blocked')}</Text>
            <Button size="compact-sm" variant="default" onClick={() => setAllowRemoteImages(true)}>
              {t('Show images')}
            </Button>
          </Group>
        </Alert>
      )}
      <iframe
        // No scripts and no origin; links may open in a new tab outside the sandbox, as in a mail client.
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={prepared.srcdoc}
        title={title}
        referrerPolicy="no-referrer"
        style={{ width: '100%', height, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, background: '#fff', display: 'block' }}
      />
      {prepared.estimatedHeight >= 600 && (
        <Button size="compact-xs" variant="subtle" mt={4} onClick={() => setTall((v) => !v)}>
          {tall ? t('Smaller view') : t('Larger view')}
        </Button>
      )}
    </Box>
  );
}
