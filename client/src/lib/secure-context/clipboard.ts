/** Copied to the clipboard, or only selected in its field for the user to copy by hand. */
export type CopyResult = 'copied' | 'selected';

/**
 * Copies the text of `field`. The Clipboard API exists only in secure contexts (HTTPS, or
 * localhost); over a room's plain HTTP the field's text is selected and copied with
 * `execCommand('copy')`, which browsers still allow in a click. Where that fails too, the text is
 * left selected and the caller says so, so nobody believes a link was copied when it was not.
 */
export async function copyFieldText(field: HTMLInputElement | HTMLTextAreaElement): Promise<CopyResult> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(field.value);
      return 'copied';
    } catch {
      // Permission refused or the document lost focus: copy from the field instead.
    }
  }
  field.focus();
  field.select();
  try {
    return document.execCommand('copy') ? 'copied' : 'selected';
  } catch {
    return 'selected';
  }
}
