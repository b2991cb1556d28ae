/**
 * Money is stored as integer minor units; the number of minor units per major unit comes from
 * the platform's ICU data (Intl) rather than a hand-kept table of ISO 4217 exponents.
 */
export interface MoneyValue {
  amount: number;
  currency: string;
  minorUnits: number;
}

export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function moneyFromMinorUnits(minorUnits: number, currency: string): MoneyValue {
  return { amount: minorUnits / 10 ** currencyExponent(currency), currency, minorUnits };
}
