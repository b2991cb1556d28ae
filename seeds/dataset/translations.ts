/**
 * English for the trips' free Persian text: delegates' posts, municipal units (requesting units and
 * delegates' units) and the committee's reasons. The records in trips.ts keep the Persian as the
 * committee writes it; the loader looks each text up here and stores the English beside it
 * (`*_en` columns). The vocabulary repeats a lot, so each Persian text is translated once.
 *
 * `test/seed-dataset.test.ts` fails when a text in the dataset has no English here. Unit names
 * follow the municipality's own structure: a معاونت is one of the mayor's deputy offices
 * ("Deputy Mayoralty"), a سازمان an organisation, a شرکت a company owned by the municipality.
 */

/** Delegates' posts (trip_delegates.title). */
export const POSITIONS_EN: Readonly<Record<string, string>> = {
  "شهردار تهران": "Mayor of Tehran",
  "مشاور شهردار": "Adviser to the Mayor",
  "معاون مالی و اقتصاد شهری": "Deputy Mayor for Finance and Urban Economy",
  "معاون حمل‌ونقل و ترافیک": "Deputy Mayor for Transport and Traffic",
  "معاون خدمات شهری و محیط زیست": "Deputy Mayor for Urban Services and Environment",
  "معاون شهرسازی و معماری": "Deputy Mayor for Urban Planning and Architecture",
  "رئیس کمیسیون شهرسازی و معماری": "Chair of the Urban Planning and Architecture Committee",
  "مدیر ارشد شهرداری": "Senior municipal manager",
  "معاون فنی و عمرانی": "Deputy Mayor for Technical and Civil Works",
  "رئیس مرکز ارتباطات و امور بین‌الملل": "Head of the Centre for Communications and International Affairs",
  "معاون مرکز ارتباطات و امور بین‌الملل": "Deputy Head of the Centre for Communications and International Affairs",
  "رئیس سازمان فناوری اطلاعات و ارتباطات": "Head of the Information and Communication Technology Organisation",
  "معاون سازمان فناوری اطلاعات و ارتباطات": "Deputy Head of the Information and Communication Technology Organisation",
  "رئیس سازمان پیشگیری و مدیریت بحران": "Head of the Crisis Prevention and Management Organisation",
  "مدیرعامل سازمان فرهنگی هنری": "Managing Director of the Cultural and Artistic Organisation",
  "معاون سازمان فرهنگی هنری": "Deputy Head of the Cultural and Artistic Organisation",
  "مدیرعامل سازمان مدیریت پسماند": "Managing Director of the Waste Management Organisation",
  "معاون سازمان مدیریت پسماند": "Deputy Head of the Waste Management Organisation",
  "مدیرعامل سازمان نوسازی شهر تهران": "Managing Director of the Tehran Urban Renewal Organisation",
  "مدیرعامل شرکت بهره‌برداری مترو": "Managing Director of the Metro Operating Company",
  "معاون شرکت بهره‌برداری مترو": "Deputy Managing Director of the Metro Operating Company",
  "مدیرعامل شرکت واحد اتوبوسرانی": "Managing Director of the United Bus Company",
  "معاون سازمان زیباسازی": "Deputy Head of the Beautification Organisation",
  "معاون سازمان آتش‌نشانی": "Deputy Head of the Fire Department",
  "معاون سازمان بوستان‌ها و فضای سبز": "Deputy Head of the Parks and Green Space Organisation",
  "مدیرکل روابط بین‌الملل": "Director-General for International Relations",
  "مدیرکل خدمات شهری": "Director-General for Urban Services",
  "مدیرکل مهندسی ترافیک": "Director-General for Traffic Engineering",
  "مدیرکل طرح‌های توسعه شهری": "Director-General for Urban Development Projects",
  "معاون مدیرکل طرح‌های توسعه شهری": "Deputy Director-General for Urban Development Projects",
  "مدیرکل سرمایه‌گذاری و مشارکت‌های مردمی": "Director-General for Investment and Public Participation",
  "مدیرکل ورزش همگانی": "Director-General for Public Sport",
  "مدیرکل آموزش و فرهنگ ایمنی": "Director-General for Safety Training and Culture",
  "مدیرکل امور فنی": "Director-General for Technical Affairs",
  "مدیرکل امور فرهنگی": "Director-General for Cultural Affairs",
  "مدیرکل امور اجتماعی": "Director-General for Social Affairs",
  "مدیرکل گردشگری شهری": "Director-General for Urban Tourism",
  "معاون مدیرکل": "Deputy Director-General",
  مدیر: "Manager",
  مشاور: "Adviser",
  کارشناس: "Expert",
  "کارشناس ارشد": "Senior expert",
  "کارشناس ارشد فنی": "Senior technical expert",
  "کارشناس ارشد برنامه‌ریزی": "Senior planning expert",
  "کارشناس ارشد فرهنگی": "Senior cultural expert",
  "کارشناس امور بین‌الملل": "International affairs expert",
  "کارشناس ارشد امور بین‌الملل": "Senior international affairs expert",
  "کارشناس مسئول روابط بین‌الملل": "Lead expert for international relations",
};

/** Municipal units: trips' requesting units and delegates' units. */
export const UNITS_EN: Readonly<Record<string, string>> = {
  "شورای اسلامی شهر تهران": "Islamic City Council of Tehran",
  "شهرداری تهران": "Tehran Municipality",
  "دفتر شهردار": "Office of the Mayor",
  "مرکز ارتباطات و امور بین‌الملل": "Centre for Communications and International Affairs",
  "معاونت مالی و اقتصاد شهری": "Deputy Mayoralty for Finance and Urban Economy",
  "معاونت حمل‌ونقل و ترافیک": "Deputy Mayoralty for Transport and Traffic",
  "معاونت خدمات شهری و محیط زیست": "Deputy Mayoralty for Urban Services and Environment",
  "معاونت شهرسازی و معماری": "Deputy Mayoralty for Urban Planning and Architecture",
  "معاونت فنی و عمرانی": "Deputy Mayoralty for Technical and Civil Works",
  "معاونت اجتماعی و فرهنگی": "Deputy Mayoralty for Social and Cultural Affairs",
  "سازمان فرهنگی هنری": "Cultural and Artistic Organisation",
  "سازمان مدیریت پسماند": "Waste Management Organisation",
  "سازمان فناوری اطلاعات و ارتباطات": "Information and Communication Technology Organisation",
  "سازمان زیباسازی": "Beautification Organisation",
  "سازمان ورزش": "Sports Organisation",
  "سازمان پیشگیری و مدیریت بحران": "Crisis Prevention and Management Organisation",
  "سازمان نوسازی شهر تهران": "Tehran Urban Renewal Organisation",
  "سازمان آتش‌نشانی و خدمات ایمنی": "Fire and Safety Services Organisation",
  "سازمان بوستان‌ها و فضای سبز": "Parks and Green Space Organisation",
  "شرکت بهره‌برداری متروی تهران و حومه": "Tehran Urban and Suburban Railway Operating Company (Tehran Metro)",
  "شرکت واحد اتوبوسرانی تهران و حومه": "Tehran and Suburbs United Bus Company",
};

/** The committee's reasons for its decisions. */
export const REASONS_EN: Readonly<Record<string, string>> = {
  "ممنوعیت سفرهای خارجی به دلیل کرونا": "Foreign trips were banned because of COVID-19",
  "هم‌راستا نبودن با اولویت‌های شهرداری": "Not in line with the municipality's priorities",
  "تأمین نشدن هزینه از سوی برگزارکننده": "The organiser would not cover the cost",
  "توجیه‌پذیر نبودن هزینه": "The cost could not be justified",
  "امکان حضور مجازی": "The event could be attended online",
  "تعداد اعضای هیئت بیش از حد لازم": "The delegation was larger than needed",
  "هم‌پوشانی با سفر تأییدشده دیگر": "It overlapped with another approved trip",
  "نبود چشم‌انداز قرارداد": "No prospect of an agreement",
  "ارسال دیرهنگام درخواست": "The request was sent too late",
  "نبود دعوت‌نامه رسمی از مقام میزبان": "No official invitation from the host authority",
};

export type TranslatedKind = "position" | "unit" | "reason";

const TABLES: Record<TranslatedKind, Readonly<Record<string, string>>> = {
  position: POSITIONS_EN,
  unit: UNITS_EN,
  reason: REASONS_EN,
};

/** The English of a Persian seed text, or null when it has none (the seed test reports those). */
export function englishOf(kind: TranslatedKind, fa: string | null | undefined): string | null {
  if (!fa) return null;
  return Object.hasOwn(TABLES[kind], fa) ? TABLES[kind][fa] : null;
}
