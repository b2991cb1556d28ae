/** Bilingual labels for the enum buckets of a series. Persian purposes follow the report's wording (F7). */
import type { ParticipationMode, TripPurpose } from "../../../db/enums.js";

export const PURPOSE_LABELS: Record<TripPurpose, { fa: string; en: string }> = {
  SUMMIT: { fa: "اجلاس‌های بین‌المللی", en: "International summits" },
  EXHIBITION: { fa: "نمایشگاه‌های خارجی", en: "Foreign exhibitions" },
  PROJECT_VISIT: { fa: "بازدید از پروژه‌ها، تجهیزات و امکانات", en: "Visits to projects, equipment and facilities" },
  TRAINING: { fa: "دوره‌های آموزشی بین‌المللی", en: "International training courses" },
  COMPETITION: { fa: "مسابقات فرهنگی و ورزشی بین‌المللی", en: "International cultural and sports competitions" },
  BILATERAL_NEGOTIATION: { fa: "مذاکرات دوجانبه برای تفاهمات اقتصادی", en: "Bilateral negotiations on economic understandings" },
  CULTURAL_WEEK: { fa: "هفته‌های فرهنگی مشترک", en: "Joint cultural weeks" },
  GOVERNMENT_DELEGATION: { fa: "همراهی تیم‌های دولتی", en: "Accompanying government delegations" },
};

export const MODE_LABELS: Record<ParticipationMode, { fa: string; en: string }> = {
  IN_PERSON: { fa: "حضوری", en: "In person" },
  ONLINE: { fa: "برخط (ویدئوکنفرانس)", en: "Online (videoconference)" },
};
