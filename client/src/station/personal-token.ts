const TOKEN = /^[A-Za-z0-9_-]{16,512}$/;

/**
 * The personal token in what a volunteer pasted or their QR code read: the personal link
 * (`…/me#token=…`, perhaps with `&cancel=…`) or the bare token. Null for anything else.
 * (Pure, without the DOM, so unit tests run it in node.)
 */
export function personalTokenFrom(text: string): string | null {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  const token = hash >= 0 ? new URLSearchParams(trimmed.slice(hash + 1)).get('token')?.trim() : trimmed;
  return token && TOKEN.test(token) ? token : null;
}
