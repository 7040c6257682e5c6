import { ActionIcon, Box, Button, Group, Popover, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { Extension, EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { StarterKit } from '@tiptap/starter-kit';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** What the editor holds: HTML, and the text the API stores next to it. */
export interface RichTextValue {
  html: string;
  text: string;
}

/** Plain text of the editor: blocks separated by blank lines, as mails are read. */
export function editorText(editor: Editor): string {
  return editor.getText({ blockSeparator: '\n\n' }).trim();
}

interface RichTextEditorProps {
  /** The content set on mount and whenever `revision` changes (a template replaced the body). */
  initialHtml: string;
  revision?: number;
  onChange: (value: RichTextValue) => void;
  /** Ctrl/Cmd+Enter inside the editor, e.g. to send. */
  onModEnter?: () => void;
  label?: string;
  error?: string | null;
  readOnly?: boolean;
  minHeight?: number;
}

/** Bold, italic, lists, links and quotes with an accessible toolbar; the editable area is labelled "Message". */
export function RichTextEditor({ initialHtml, revision = 0, onChange, onModEnter, label, error, readOnly = false, minHeight = 220 }: RichTextEditorProps) {
  const { t } = useTranslation();
  const errorId = useId();
  const [focused, setFocused] = useState(false);
  const callbacks = useRef({ onChange, onModEnter });
  callbacks.current = { onChange, onModEnter };
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ heading: false, codeBlock: false, link: { openOnClick: false, autolink: true, defaultProtocol: 'https' } }),
      // Ctrl+Enter sends instead of StarterKit's hard break; Shift+Enter still breaks the line.
      Extension.create({
        name: 'sendShortcut',
        priority: 1000,
        addKeyboardShortcuts: () => ({
          'Mod-Enter': () => {
            callbacks.current.onModEnter?.();
            return true;
          },
        }),
      }),
    ],
    content: initialHtml,
    editable: !readOnly,
    editorProps: {
      attributes: {
        'aria-label': label ?? t('Message'),
        'aria-multiline': 'true',
        role: 'textbox',
        ...(error ? { 'aria-invalid': 'true', 'aria-describedby': errorId } : {}),
        style: `min-height:${minHeight}px; padding: 8px 12px; outline: none; line-height: 1.5;`,
      },
    },
    onUpdate: ({ editor: current }) => callbacks.current.onChange({ html: current.getHTML(), text: editorText(current) }),
    onFocus: () => setFocused(true),
    onBlur: () => setFocused(false),
  });

  // A new revision replaces the whole body (template chosen); typing never comes back in here.
  const lastRevision = useRef(revision);
  useEffect(() => {
    if (!editor || lastRevision.current === revision) return;
    lastRevision.current = revision;
    editor.commands.setContent(initialHtml, { emitUpdate: false });
    callbacks.current.onChange({ html: editor.getHTML(), text: editorText(editor) });
  }, [editor, revision, initialHtml]);
  useEffect(() => {
    editor?.setEditable(!readOnly);
  }, [editor, readOnly]);

  return (
    <Stack gap={4}>
      {label && (
        <Text component="span" size="sm" fw={500}>
          {label}
        </Text>
      )}
      <Box
        style={{
          border: `1px solid ${error ? 'var(--mantine-color-error)' : focused ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
          boxShadow: focused ? '0 0 0 2px var(--mantine-primary-color-light)' : undefined,
          borderRadius: 'var(--mantine-radius-sm)',
          background: readOnly ? 'var(--mantine-color-gray-0)' : 'var(--mantine-color-body)',
        }}
      >
        {editor && !readOnly && <Toolbar editor={editor} />}
        <Box px={0} style={{ maxHeight: '55vh', overflowY: 'auto' }}>
          <EditorContent editor={editor} />
        </Box>
      </Box>
      {error && (
        <Text id={errorId} size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
    }),
  });
  const buttons = [
    { key: 'bold', label: t('Bold'), glyph: 'B', weight: 700, run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', label: t('Italic'), glyph: 'I', italic: true, run: () => editor.chain().focus().toggleItalic().run() },
    { key: 'bulletList', label: t('Bulleted list'), glyph: '•≡', run: () => editor.chain().focus().toggleBulletList().run() },
    { key: 'orderedList', label: t('Numbered list'), glyph: '№≡', run: () => editor.chain().focus().toggleOrderedList().run() },
    { key: 'blockquote', label: t('Quote'), glyph: '❝', run: () => editor.chain().focus().toggleBlockquote().run() },
  ] as const;
  return (
    <Group gap={2} p={4} role="toolbar" aria-label={t('Formatting')} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      {buttons.map((b) => (
        <Tooltip key={b.key} label={b.label} openDelay={400}>
          <ActionIcon
            variant={state[b.key] ? 'light' : 'subtle'}
            color="dark"
            size="md"
            aria-label={b.label}
            aria-pressed={state[b.key]}
            onClick={b.run}
            style={{ fontWeight: 'weight' in b ? b.weight : 500, fontStyle: 'italic' in b ? 'italic' : undefined }}
          >
            <span aria-hidden="true">{b.glyph}</span>
          </ActionIcon>
        </Tooltip>
      ))}
      <LinkButton editor={editor} active={state.link} />
    </Group>
  );
}

function LinkButton({ editor, active }: { editor: Editor; active: boolean }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [href, setHref] = useState('');
  function open() {
    setHref((editor.getAttributes('link').href as string | undefined) ?? '');
    setOpened(true);
  }
  function apply() {
    const url = href.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (url) chain.setLink({ href: /^[a-z][\w+.-]*:/i.test(url) ? url : `https://${url}` }).run();
    else chain.unsetLink().run();
    setOpened(false);
  }
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus withinPortal={false} position="bottom-start" shadow="md">
      <Popover.Target>
        <Button variant={active ? 'light' : 'subtle'} color="dark" size="compact-sm" aria-pressed={active} onClick={() => (opened ? setOpened(false) : open())} style={{ textDecoration: 'underline' }}>
          {t('Insert link')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        {/* No nested <form>: the editor sits inside the composer's form. */}
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            label={t('Link address')}
            value={href}
            onChange={(e) => setHref(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              e.stopPropagation();
              apply();
            }}
            placeholder="https://"
            data-autofocus
          />
          <Button size="xs" onClick={apply}>
            {href.trim() ? t('Set link') : t('Remove link')}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
