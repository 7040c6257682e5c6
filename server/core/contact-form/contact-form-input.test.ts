import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, safeContentType, safeFilename, validateContactFields } from './contact-form-input.ts';

const good = { name: ' Lena  Schulz ', email: 'lena.schulz@student.uni-spree.de', topic: '3', subject: 'Bibliotheksausweis', message: 'Hallo,\r\nmein Ausweis ist abgelaufen.\r\n' };

describe('validateContactFields', () => {
  it('trims the fields, keeps the line breaks of the message and reads the topic id', () => {
    expect(validateContactFields(good, [])).toEqual({
      values: { name: 'Lena Schulz', email: 'lena.schulz@student.uni-spree.de', topicId: 3, subject: 'Bibliotheksausweis', message: 'Hallo,\nmein Ausweis ist abgelaufen.' },
      errors: [],
    });
  });
  it('names every empty field at once', () => {
    expect(validateContactFields({}, []).errors).toEqual([
      { field: 'name', problem: 'required' },
      { field: 'email', problem: 'required' },
      { field: 'topic', problem: 'required' },
      { field: 'subject', problem: 'required' },
      { field: 'message', problem: 'required' },
    ]);
  });
  it.each(['lena', 'lena@', 'lena@uni-spree', 'Lena <lena@uni-spree.de>', 'lena schulz@uni-spree.de'])('refuses the address %j', (email) => {
    expect(validateContactFields({ ...good, email }, []).errors).toEqual([{ field: 'email', problem: 'invalid_email' }]);
  });
  it('refuses a topic that is not an id and overlong fields', () => {
    expect(validateContactFields({ ...good, topic: 'IT', subject: 'x'.repeat(201) }, []).errors).toEqual([
      { field: 'topic', problem: 'unknown_topic' },
      { field: 'subject', problem: 'too_long' },
    ]);
  });
  it('refuses too many files and a file over the size limit', () => {
    const file = (size: number) => ({ filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.alloc(size) });
    expect(validateContactFields(good, Array.from({ length: 6 }, () => file(1))).errors).toEqual([{ field: 'attachments', problem: 'too_many_files' }]);
    expect(validateContactFields(good, [file(MAX_ATTACHMENT_BYTES + 1)]).errors).toEqual([{ field: 'attachments', problem: 'file_too_large' }]);
  });
});

describe('safeFilename and safeContentType', () => {
  it('keep only the last path part without control characters', () => {
    expect(safeFilename('C:\\Users\\lena\\Antrag.pdf')).toBe('Antrag.pdf');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(safeFilename('')).toBe('attachment');
  });
  it('fall back to octet-stream for a type that is not one', () => {
    expect(safeContentType('application/pdf')).toBe('application/pdf');
    expect(safeContentType('Image/TIFF')).toBe('image/tiff');
    expect(safeContentType('text/html; charset=utf-8')).toBe('application/octet-stream');
    expect(safeContentType(undefined)).toBe('application/octet-stream');
  });
});
