const formats = new Map<string, Intl.NumberFormat>();

/** Minor units (cents) as the reader expects them, e.g. 1250 EUR → €12.50. */
export function formatMoney(minor: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-IE', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format.format(minor / 100);
}

/** "12.5" → 1250. Rounded to the cent, so binary fractions (0.1 + 0.2) never leak into an amount. */
export function toMinor(major: string): number {
  const value = Number(major);
  if (!Number.isFinite(value) || value <= 0) return NaN;
  return Math.round(value * 100);
}
