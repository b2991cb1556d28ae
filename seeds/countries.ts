/** ISO 3166-1 countries with Persian and English names, from the i18n-iso-countries package. */
import { createRequire } from "node:module";
import type * as IsoCountries from "i18n-iso-countries";

const require = createRequire(import.meta.url);
const countries = require("i18n-iso-countries") as typeof IsoCountries;
countries.registerLocale(require("i18n-iso-countries/langs/en.json") as IsoCountries.LocaleData);
countries.registerLocale(require("i18n-iso-countries/langs/fa.json") as IsoCountries.LocaleData);

export interface CountryName {
  code: string;
  nameEn: string;
  nameFa: string;
}

export function isoCountries(): CountryName[] {
  return Object.keys(countries.getAlpha2Codes())
    .sort()
    .map((code) => ({
      code,
      nameEn: countries.getName(code, "en") ?? code,
      nameFa: countries.getName(code, "fa") ?? countries.getName(code, "en") ?? code,
    }));
}
