/** The one place where numbers become text. Energies are joules inside core. */

/** 0.0758 → "7.6%" (digits after the point). */
export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** Joules with an SI prefix: 3.2e-6 → "3.20 µJ". */
export function joules(j: number, digits = 3): string {
  if (!Number.isFinite(j)) return String(j);
  const a = Math.abs(j);
  const units: [number, string][] = [
    [1, 'J'],
    [1e-3, 'mJ'],
    [1e-6, 'µJ'],
    [1e-9, 'nJ'],
    [1e-12, 'pJ'],
  ];
  for (const [scale, unit] of units) if (a >= scale) return `${(j / scale).toPrecision(digits)} ${unit}`;
  return j === 0 ? '0 J' : `${(j / 1e-15).toPrecision(digits)} fJ`;
}

/** Joules in µJ, fixed: for tables. */
export function microjoules(j: number, digits = 3): string {
  return (j * 1e6).toFixed(digits);
}

/** 15470264320 → "15.47 G". */
export function count(n: number, digits = 2): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(digits)} G`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(digits)} M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(digits)} k`;
  return `${Math.round(n)}`;
}

/** 1.93 → "1.93×". */
export function times(x: number, digits = 2): string {
  return Number.isFinite(x) ? `${x.toFixed(digits)}×` : '∞';
}
