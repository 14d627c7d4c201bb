import 'server-only';
import ExcelJS from 'exceljs';

export type Column<T> = { header: string; value: (row: T) => string | number | null };
export type ExportFormat = 'csv' | 'xlsx';

/**
 * A cell that starts with =, +, - or @ is a formula to Excel; prefix it so that text from the
 * register can never run as one (CSV injection).
 */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * CSV as Excel in Sweden opens it by double-click: UTF-8 with BOM (so å, ä, ö survive),
 * semicolons (the comma is the decimal separator), CRLF line ends.
 */
export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  const cell = (value: string | number | null) => {
    if (value === null) return '';
    const text = typeof value === 'number' ? String(value) : safeText(value);
    return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [
    columns.map((c) => cell(c.header)).join(';'),
    ...rows.map((row) => columns.map((c) => cell(c.value(row))).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx<T>(columns: Column<T>[], rows: T[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lägesbild';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(12, Math.min(40, c.header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const value = c.value(row);
        return typeof value === 'string' ? safeText(value) : value;
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportResponse<T>(
  format: ExportFormat,
  name: string,
  columns: Column<T>[],
  rows: T[],
): Promise<Response> {
  const headers = { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${name}.${format}"` };
  if (format === 'csv')
    return new Response(toCsv(columns, rows), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
  const body = await toXlsx(columns, rows, name);
  return new Response(new Uint8Array(body), {
    headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
}
