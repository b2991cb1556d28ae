/**
 * Money is stored as integer minor units; the number of minor units per major unit comes from
 * the platform's ICU data (Intl) rather than a hand-kept table of ISO 4217 exponents.
 */
export interface MoneyValue {
  amount: number;
  currency: string;
  minorUnits: number;
}

// A NumberFormat costs tens of microseconds to build, and a list or an export asks once per amount.
const exponents = new Map<string, number>();

export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

export function moneyFromMinorUnits(minorUnits: number, currency: string): MoneyValue {
  return { amount: minorUnits / 10 ** currencyExponent(currency), currency, minorUnits };
}
