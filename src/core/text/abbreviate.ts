/** Long text (a whole appended story a fix removes) is shown to people by its ends only. */
export const SHOWN_CHARACTERS = 40;

/** The text, or its first and last SHOWN_CHARACTERS / 2 characters around an ellipsis; abbreviating twice changes nothing. */
export function abbreviateMiddle(text: string): string {
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS / 2)}…${text.slice(-SHOWN_CHARACTERS / 2)}` : text;
}
