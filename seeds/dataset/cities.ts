import type { SeedCity } from "./types.js";

/**
 * Every city the dataset refers to: Tehran, trip destinations, event hosts, organisation
 * headquarters and partner cities. Coordinates are city centres (WGS 84, 4 decimals); populations
 * are rough city-proper figures, omitted where unsure. Tehran (F19) and Najaf (F12) are named by
 * the report; partner cities and event hosts cite the public source that names them (their English
 * or Persian name and country, seeds/sources/). Coordinates and the other names are general
 * knowledge: no source is cited for them, so those cities are PARTLY_SOURCED (see
 * seeds/sources/README.md). The rest are ILLUSTRATIVE, citing the facts that shaped their use (F6:
 * the countries travelled to in Shahrivar..Esfand 1401).
 */
// One record a line reads as a table.
// prettier-ignore
export const cities: SeedCity[] = [
  // ── Tehran ──
  // F19: "a megacity of over 10 million people"; the report's figure is kept (the 2016 census
  // counted about 8.7 million in the city proper, the metropolitan region has well over 13 million).
  { slug: "tehran", nameFa: "تهران", nameEn: "Tehran", country: "IR", latitude: 35.6892, longitude: 51.389, population: 10_000_000, citations: [{ source: "tehran-press-47801", fact: "F19", fields: ["nameFa", "nameEn", "population"] }] },

  // ── The 14 countries of F6 ──
  // Iraq
  { slug: "baghdad", nameFa: "بغداد", nameEn: "Baghdad", country: "IQ", latitude: 33.3152, longitude: 44.3661, population: 7_500_000, citations: [{ source: "tehran-atlas-sister-cities", fact: "F13", fields: ["nameEn", "country"] }], shapedBy: ["F5", "F6"] },
  { slug: "najaf", nameFa: "نجف", nameEn: "Najaf", country: "IQ", latitude: 32.0259, longitude: 44.3462, population: 800_000, citations: [{ source: "tehran-press-47801", fact: "F12", fields: ["nameFa", "nameEn"] }] },
  { slug: "karbala", nameFa: "کربلا", nameEn: "Karbala", country: "IQ", latitude: 32.616, longitude: 44.0249, population: 700_000, citations: [{ source: "iqna-4078720-karbala", fact: "F1", fields: ["nameFa"] }], shapedBy: ["F6"] },
  { slug: "basra", nameFa: "بصره", nameEn: "Basra", country: "IQ", latitude: 30.5085, longitude: 47.7804, population: 1_400_000, citations: [], shapedBy: ["F6"] },
  { slug: "erbil", nameFa: "اربیل", nameEn: "Erbil", country: "IQ", latitude: 36.1911, longitude: 44.0092, population: 900_000, citations: [], shapedBy: ["F6"] },
  // Spain
  { slug: "barcelona", nameFa: "بارسلون", nameEn: "Barcelona", country: "ES", latitude: 41.3874, longitude: 2.1686, population: 1_620_000, citations: [], shapedBy: ["F6", "F11"] },
  { slug: "madrid", nameFa: "مادرید", nameEn: "Madrid", country: "ES", latitude: 40.4168, longitude: -3.7038, population: 3_300_000, citations: [], shapedBy: ["F6"] },
  // Turkey
  { slug: "istanbul", nameFa: "استانبول", nameEn: "Istanbul", country: "TR", latitude: 41.0082, longitude: 28.9784, population: 15_800_000, citations: [{ source: "tehran-atlas-sister-cities", fact: "F11", fields: ["nameEn", "country"] }], shapedBy: ["F6", "F17"] },
  { slug: "konya", nameFa: "قونیه", nameEn: "Konya", country: "TR", latitude: 37.8746, longitude: 32.4932, population: 1_300_000, citations: [] },
  { slug: "antalya", nameFa: "آنتالیا", nameEn: "Antalya", country: "TR", latitude: 36.8969, longitude: 30.7133, citations: [] },
  // United Arab Emirates
  { slug: "dubai", nameFa: "دبی", nameEn: "Dubai", country: "AE", latitude: 25.2048, longitude: 55.2708, population: 3_500_000, citations: [], shapedBy: ["F6"] },
  { slug: "abu-dhabi", nameFa: "ابوظبی", nameEn: "Abu Dhabi", country: "AE", latitude: 24.4539, longitude: 54.3773, population: 1_500_000, citations: [], shapedBy: ["F6"] },
  { slug: "sharjah", nameFa: "شارجه", nameEn: "Sharjah", country: "AE", latitude: 25.3463, longitude: 55.4209, population: 1_800_000, citations: [], shapedBy: ["F6"] },
  // South Korea
  { slug: "seoul", nameFa: "سئول", nameEn: "Seoul", country: "KR", latitude: 37.5665, longitude: 126.978, population: 9_500_000, citations: [{ source: "tehran-atlas-sister-cities", fact: "F1", fields: ["nameEn"] }, { source: "tehran-atlas-sister-cities", fact: "F8", fields: ["country"] }], shapedBy: ["F6", "F14", "F16"] },
  { slug: "daejeon", nameFa: "دائجون", nameEn: "Daejeon", country: "KR", latitude: 36.3504, longitude: 127.3845, population: 1_450_000, citations: [], shapedBy: ["F6"] },
  // Russia
  { slug: "moscow", nameFa: "مسکو", nameEn: "Moscow", country: "RU", latitude: 55.7558, longitude: 37.6173, population: 12_600_000, citations: [{ source: "tehran-atlas-sister-cities", fact: "F5", fields: ["nameEn", "country"] }], shapedBy: ["F6", "F16"] },
  { slug: "kazan", nameFa: "کازان", nameEn: "Kazan", country: "RU", latitude: 55.7887, longitude: 49.1221, population: 1_300_000, citations: [{ source: "tatarstan24-9273-kazan", fact: "F1", fields: ["nameEn"] }], shapedBy: ["F6"] },
  { slug: "saint-petersburg", nameFa: "سن پترزبورگ", nameEn: "Saint Petersburg", country: "RU", latitude: 59.9311, longitude: 30.3609, population: 5_400_000, citations: [], shapedBy: ["F6"] },
  // Tajikistan
  { slug: "dushanbe", nameFa: "دوشنبه", nameEn: "Dushanbe", country: "TJ", latitude: 38.5598, longitude: 68.787, population: 900_000, citations: [{ source: "tehran-atlas-sister-cities", fact: "F12", fields: ["nameEn", "country"] }], shapedBy: ["F5", "F6"] },
  // India
  { slug: "new-delhi", nameFa: "دهلی نو", nameEn: "New Delhi", country: "IN", latitude: 28.6139, longitude: 77.209, citations: [], shapedBy: ["F6"] },
  { slug: "mumbai", nameFa: "بمبئی", nameEn: "Mumbai", country: "IN", latitude: 19.076, longitude: 72.8777, population: 12_400_000, citations: [], shapedBy: ["F6"] },
  // Japan
  { slug: "tokyo", nameFa: "توکیو", nameEn: "Tokyo", country: "JP", latitude: 35.6762, longitude: 139.6503, population: 14_000_000, citations: [], shapedBy: ["F6"] },
  { slug: "yokohama", nameFa: "یوکوهاما", nameEn: "Yokohama", country: "JP", latitude: 35.4437, longitude: 139.638, population: 3_770_000, citations: [], shapedBy: ["F6"] },
  // Malaysia
  { slug: "kuala-lumpur", nameFa: "کوالالامپور", nameEn: "Kuala Lumpur", country: "MY", latitude: 3.139, longitude: 101.6869, population: 1_980_000, citations: [], shapedBy: ["F6", "F16"] },
  // Indonesia
  { slug: "jakarta", nameFa: "جاکارتا", nameEn: "Jakarta", country: "ID", latitude: -6.2088, longitude: 106.8456, population: 10_600_000, citations: [], shapedBy: ["F6"] },
  // Qatar
  { slug: "doha", nameFa: "دوحه", nameEn: "Doha", country: "QA", latitude: 25.2854, longitude: 51.531, population: 1_200_000, citations: [], shapedBy: ["F6"] },
  // Jordan
  { slug: "amman", nameFa: "امان", nameEn: "Amman", country: "JO", latitude: 31.9539, longitude: 35.9106, population: 4_000_000, citations: [], shapedBy: ["F6"] },
  // Germany
  { slug: "berlin", nameFa: "برلین", nameEn: "Berlin", country: "DE", latitude: 52.52, longitude: 13.405, population: 3_700_000, citations: [], shapedBy: ["F6"] },
  { slug: "munich", nameFa: "مونیخ", nameEn: "Munich", country: "DE", latitude: 48.1351, longitude: 11.582, population: 1_500_000, citations: [], shapedBy: ["F6"] },
  { slug: "bonn", nameFa: "بن", nameEn: "Bonn", country: "DE", latitude: 50.7374, longitude: 7.0982, population: 330_000, citations: [], shapedBy: ["F13"] },

  // ── Outside the 14 countries: headquarters, event hosts, partners, and trips outside the period
  //    or never carried out ──
  { slug: "the-hague", nameFa: "لاهه", nameEn: "The Hague", country: "NL", latitude: 52.0705, longitude: 4.3007, population: 550_000, citations: [], shapedBy: ["F15"] },
  { slug: "brussels", nameFa: "بروکسل", nameEn: "Brussels", country: "BE", latitude: 50.8503, longitude: 4.3517, population: 1_220_000, citations: [] },
  { slug: "paris", nameFa: "پاریس", nameEn: "Paris", country: "FR", latitude: 48.8566, longitude: 2.3522, population: 2_100_000, citations: [{ source: "tehran-atlas-sister-cities", fact: "F13", fields: ["nameEn", "country"] }] },
  { slug: "vienna", nameFa: "وین", nameEn: "Vienna", country: "AT", latitude: 48.2082, longitude: 16.3738, population: 1_970_000, citations: [] },
  { slug: "glasgow", nameFa: "گلاسگو", nameEn: "Glasgow", country: "GB", latitude: 55.8642, longitude: -4.2518, population: 630_000, citations: [] },
  { slug: "katowice", nameFa: "کاتوویتسه", nameEn: "Katowice", country: "PL", latitude: 50.2649, longitude: 19.0238, population: 290_000, citations: [] },
  { slug: "nairobi", nameFa: "نایروبی", nameEn: "Nairobi", country: "KE", latitude: -1.2921, longitude: 36.8219, population: 4_400_000, citations: [], shapedBy: ["F13"] },
  { slug: "sharm-el-sheikh", nameFa: "شرم‌الشیخ", nameEn: "Sharm el-Sheikh", country: "EG", latitude: 27.9158, longitude: 34.33, citations: [] },
  { slug: "jeddah", nameFa: "جده", nameEn: "Jeddah", country: "SA", latitude: 21.4858, longitude: 39.1925, population: 3_700_000, citations: [], shapedBy: ["F13"] },
  { slug: "muscat", nameFa: "مسقط", nameEn: "Muscat", country: "OM", latitude: 23.588, longitude: 58.3829, population: 1_500_000, citations: [] },
  { slug: "beirut", nameFa: "بیروت", nameEn: "Beirut", country: "LB", latitude: 33.8938, longitude: 35.5018, citations: [], shapedBy: ["F16"] },
  { slug: "damascus", nameFa: "دمشق", nameEn: "Damascus", country: "SY", latitude: 33.5138, longitude: 36.2765, population: 2_000_000, citations: [], shapedBy: ["F16"] },
  { slug: "baku", nameFa: "باکو", nameEn: "Baku", country: "AZ", latitude: 40.4093, longitude: 49.8671, population: 2_300_000, citations: [] },
  { slug: "yerevan", nameFa: "ایروان", nameEn: "Yerevan", country: "AM", latitude: 40.1792, longitude: 44.4991, population: 1_090_000, citations: [{ source: "newsarmenia-2023-01-18-yerevan", fact: "F1", fields: ["nameEn"] }] },
  { slug: "tashkent", nameFa: "تاشکند", nameEn: "Tashkent", country: "UZ", latitude: 41.2995, longitude: 69.2401, population: 2_900_000, citations: [] },
  { slug: "beijing", nameFa: "پکن", nameEn: "Beijing", country: "CN", latitude: 39.9042, longitude: 116.4074, population: 21_800_000, citations: [{ source: "beijing-fao-sister-city-tehran", fact: "F1", fields: ["nameEn"] }, { source: "tehran-atlas-sister-cities", fact: "F10", fields: ["country"] }] },
  { slug: "shanghai", nameFa: "شانگهای", nameEn: "Shanghai", country: "CN", latitude: 31.2304, longitude: 121.4737, population: 24_900_000, citations: [] },
  { slug: "singapore", nameFa: "سنگاپور", nameEn: "Singapore", country: "SG", latitude: 1.3521, longitude: 103.8198, population: 5_600_000, citations: [] },
  { slug: "havana", nameFa: "هاوانا", nameEn: "Havana", country: "CU", latitude: 23.1136, longitude: -82.3666, population: 2_100_000, citations: [{ source: "tehran-atlas-sister-cities", fact: "F4", fields: ["nameEn", "country"] }], shapedBy: ["F16"] },

  // ── Partner cities and event hosts named by public sources (seeds/sources/); their names and
  //    countries cite the source, their coordinates are general knowledge and stay unbacked ──
  { slug: "minsk", nameFa: "مینسک", nameEn: "Minsk", country: "BY", latitude: 53.9006, longitude: 27.559, citations: [{ source: "tehran-atlas-sister-cities", fact: "F6", fields: ["nameEn", "country"] }, { source: "mayors-asia-sister-cities-seoul-minsk", fact: "F2", fields: ["nameEn", "country"] }] },
  { slug: "caracas", nameFa: "کاراکاس", nameEn: "Caracas", country: "VE", latitude: 10.4806, longitude: -66.9036, citations: [{ source: "tehran-atlas-sister-cities", fact: "F7", fields: ["nameEn", "country"] }] },
  { slug: "pretoria", nameFa: "پرتوریا", nameEn: "Pretoria", country: "ZA", latitude: -25.7479, longitude: 28.2293, citations: [{ source: "tehran-atlas-sister-cities", fact: "F9", fields: ["nameEn", "country"] }] },
  { slug: "sanaa", nameFa: "صنعا", nameEn: "Sanaa", country: "YE", latitude: 15.3694, longitude: 44.191, citations: [{ source: "tehran-atlas-sister-cities", fact: "F12", fields: ["nameEn", "country"] }] },
  { slug: "kuwait-city", nameFa: "کویت", nameEn: "Kuwait City", country: "KW", latitude: 29.3759, longitude: 47.9774, citations: [{ source: "tehran-atlas-sister-cities", fact: "F12", fields: ["country"] }] },
  { slug: "khartoum", nameFa: "خارطوم", nameEn: "Khartoum", country: "SD", latitude: 15.5007, longitude: 32.5599, citations: [{ source: "tehran-atlas-sister-cities", fact: "F12", fields: ["nameEn", "country"] }] },
  { slug: "brasilia", nameFa: "برازیلیا", nameEn: "Brasilia", country: "BR", latitude: -15.7939, longitude: -47.8828, citations: [{ source: "tehran-atlas-sister-cities", fact: "F12", fields: ["nameEn", "country"] }] },
  { slug: "bishkek", nameFa: "بیشکک", nameEn: "Bishkek", country: "KG", latitude: 42.8746, longitude: 74.5698, citations: [{ source: "tehran-atlas-sister-cities", fact: "F2", fields: ["nameEn", "country"] }] },
  { slug: "los-angeles", nameFa: "لس‌آنجلس", nameEn: "Los Angeles", country: "US", latitude: 34.0522, longitude: -118.2437, citations: [{ source: "tehran-atlas-sister-cities", fact: "F1", fields: ["nameEn"] }] },
  { slug: "kabul", nameFa: "کابل", nameEn: "Kabul", country: "AF", latitude: 34.5553, longitude: 69.2075, citations: [{ source: "tehran-atlas-sister-cities", fact: "F13", fields: ["nameEn", "country"] }] },
  { slug: "milan", nameFa: "میلان", nameEn: "Milan", country: "IT", latitude: 45.4642, longitude: 9.19, citations: [{ source: "tehran-atlas-sister-cities", fact: "F13", fields: ["nameEn", "country"] }] },
  { slug: "rabat", nameFa: "رباط", nameEn: "Rabat", country: "MA", latitude: 34.0209, longitude: -6.8416, citations: [{ source: "tasnim-180784", fact: "F2", fields: ["nameEn", "country"] }] },
  { slug: "xian", nameFa: "شی‌آن", nameEn: "Xi'an", country: "CN", latitude: 34.3416, longitude: 108.9398, citations: [{ source: "mehrnews-2025-10-16-xian", fact: "F1", fields: ["nameFa", "country"] }] },
];
