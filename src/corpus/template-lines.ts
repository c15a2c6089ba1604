/**
 * The comparison form of a line for corpus-wide line counts: template text
 * ("Posted on March 3, 2024 by admin", "© 2023 Example Media") recurs with
 * different numbers and dates, so those are folded before counting.
 */

/**
 * Lines longer than this are not counted: template text (menus, footers,
 * bylines, share widgets, donation appeals) is short, article paragraphs are
 * long and almost all unique, and counting them would fill the table with
 * lines that can never be template text.
 */
export const MAX_TEMPLATE_LINE_LENGTH = 400;

const MONTH = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?/g;
const WEEKDAY = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\b\.?/g;

/** The line's counting form, or undefined when it is blank or too long to be template text. */
export function normalizeTemplateLine(lineText: string): string | undefined {
  const trimmed = lineText.trim();
  if (trimmed === '' || trimmed.length > MAX_TEMPLATE_LINE_LENGTH) return undefined;
  return trimmed
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(MONTH, '<month>')
    .replace(WEEKDAY, '<day>')
    .replace(/\d+(?:[.,:/-]\d+)*/g, '0')
    .replace(/\s+/g, ' ');
}
