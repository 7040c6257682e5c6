import { ActionIcon, Alert, Box, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fitsLimit, formatBytes, MAX_ATTACHMENT_BYTES, safeContentType, totalBytes, type PendingFile } from './file-base64';

interface AttachmentDropProps {
  files: PendingFile[];
  onChange: (files: PendingFile[]) => void;
  limit?: number;
  disabled?: boolean;
}

let nextKey = 0;

/** A browser File as a pending attachment. */
export function pendingFromFile(file: File): PendingFile {
  nextKey += 1;
  return { key: `file-${nextKey}`, filename: file.name, contentType: safeContentType(file.type), size: file.size, load: async () => file };
}

/** Attachments by drag and drop or the file button; shows name and size, each removable, total size limited. */
export function AttachmentDrop({ files, onChange, limit = MAX_ATTACHMENT_BYTES, disabled }: AttachmentDropProps) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  function add(chosen: File[]) {
    if (!chosen.length) return;
    const added = chosen.map(pendingFromFile);
    if (!fitsLimit(files, added, limit)) {
      setRefused(t('Attachments may be {{limit}} at most together; {{names}} would make {{total}}. Not added.', { limit: formatBytes(limit), names: chosen.map((f) => f.name).join(', '), total: formatBytes(totalBytes(files) + totalBytes(added)) }));
      return;
    }
    setRefused(null);
    onChange([...files, ...added]);
  }
  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (!disabled) add([...event.dataTransfer.files]);
  }

  return (
    <Stack gap={6}>
      <Box
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        p="xs"
        style={{
          border: `1px dashed ${dragging ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
          borderRadius: 'var(--mantine-radius-sm)',
          background: dragging ? 'var(--mantine-primary-color-light)' : undefined,
        }}
      >
        <Group gap="sm" wrap="wrap">
          <FileButton onChange={add} multiple disabled={disabled}>
            {(props) => (
              <Button {...props} variant="default" size="xs" disabled={disabled}>
                {t('Attach files')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="gray.7">
            {t('or drop files here (up to {{limit}} together)', { limit: formatBytes(limit) })}
          </Text>
        </Group>
      </Box>
      {refused && (
        <Alert color="red" role="alert" p="xs" withCloseButton closeButtonLabel={t('Close')} onClose={() => setRefused(null)}>
          {refused}
        </Alert>
      )}
      {files.length > 0 && (
        <Stack gap={2}>
          <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('Attachments')}>
            {files.map((file) => (
              <Group key={file.key} component="li" gap="xs" wrap="nowrap">
                <Text size="sm" truncate style={{ minWidth: 0, flex: 1 }}>
                  {file.filename}
                </Text>
                <Text size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
                  {formatBytes(file.size)}
                </Text>
                <ActionIcon variant="subtle" color="red" size="sm" disabled={disabled} aria-label={t('Remove {{name}}', { name: file.filename })} onClick={() => onChange(files.filter((f) => f.key !== file.key))}>
                  ×
                </ActionIcon>
              </Group>
            ))}
          </Stack>
          {/* Outside the list: a list may hold only its items. */}
          <Text size="xs" c="gray.7">
            {t('Total: {{size}}', { size: formatBytes(totalBytes(files)) })}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
