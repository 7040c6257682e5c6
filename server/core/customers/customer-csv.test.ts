import { describe, expect, it } from 'vitest';
import { parseCustomerCsv } from './customer-csv.ts';

describe('parseCustomerCsv', () => {
  it('reads a German Excel export: BOM, semicolons, CRLF, quoted cells with separators and line breaks', () => {
    const text = '\uFEFFLogin;E-Mail;First Name;last_name;company\r\nm.schulz;mia.schulz@student.uni-spree.de;Mia;Schulz;"FB 03; Informatik"\r\n\r\nb.kaya;b.kaya@uni-spree.de;"Berkan\r\nAli";Kaya;\r\nj.weber;j.weber@uni-spree.de;Jonas;Weber;ZIT';
    expect(() => parseCustomerCsv(text)).toThrow(/unknown column "e_mail"/);
    const rows = parseCustomerCsv(text.replace('E-Mail', 'email'));
    expect(rows).toEqual([
      { line: 2, cells: { login: 'm.schulz', email: 'mia.schulz@student.uni-spree.de', first_name: 'Mia', last_name: 'Schulz', company: 'FB 03; Informatik' } },
      { line: 4, cells: { login: 'b.kaya', email: 'b.kaya@uni-spree.de', first_name: 'Berkan\nAli', last_name: 'Kaya', company: '' } },
      { line: 6, cells: { login: 'j.weber', email: 'j.weber@uni-spree.de', first_name: 'Jonas', last_name: 'Weber', company: 'ZIT' } },
    ]);
  });

  it('detects commas and reports rows with the wrong number of cells by line', () => {
    const rows = parseCustomerCsv('login,email,first_name,last_name\nanna,anna@uni-spree.de,Anna,Berg\nbad,row\n');
    expect(rows[0]).toMatchObject({ line: 2, cells: { login: 'anna', last_name: 'Berg' } });
    expect(rows[1]).toMatchObject({ line: 3, problem: expect.stringMatching(/has 2 cells, the header has 4/) });
  });

  it('refuses a file without the required columns or with an open quote, naming the line', () => {
    expect(() => parseCustomerCsv('login;email\nx;y')).toThrow(/line 1: missing column first_name, last_name/);
    expect(() => parseCustomerCsv('')).toThrow(/header row is missing/);
    expect(() => parseCustomerCsv('login;email;first_name;last_name\nx;"y;z;w\n')).toThrow(/line 2/);
  });
});
