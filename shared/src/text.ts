// Text that people type: names, labels, messages, notes and scripts. It ends up on screens, in
// CSV files and in terminals, where a control character (NUL, ESC and its terminal sequences, the
// C1 set such as U+0085) or a direction override (U+202E makes "gpj.exe" read "exe.jpg") changes
// what others see. Every such field is parsed with one of these, so the rule is the same everywhere.
import { z } from 'zod';

/** C0, DEL and C1 controls, line and paragraph separators, and the bidirectional embeddings, overrides and isolates. */
const FORBIDDEN = '\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
const SINGLE_LINE = new RegExp(`^[^${FORBIDDEN}]*$`, 'u');
/** Multi-line text keeps its line breaks and tabs, nothing else of the above. */
const MULTI_LINE = new RegExp(`^(?:[^${FORBIDDEN}]|[\\n\\t])*$`, 'u');

const SINGLE_LINE_MESSAGE = 'must be one line of plain text: no control characters (such as NUL, ESC or line breaks) or direction overrides';
const MULTI_LINE_MESSAGE = 'must be plain text: line breaks and tabs only, no other control characters (such as NUL or ESC) or direction overrides';

/** One line a person typed (a name, a label), trimmed; chain `.min()` and `.max()` as usual. */
export const zLineText = () => z.string().trim().regex(SINGLE_LINE, SINGLE_LINE_MESSAGE);

/**
 * Text a person typed over several lines (a note, a message, a script): trimmed, then at most `max` characters, with Windows line ends read as \n (a lone \r, which overwrites a terminal line, is refused).
 */
export const zMultilineText = (options: { max: number; min?: number; minMessage?: string }) =>
  z
    .string()
    .transform((text) => text.replaceAll('\r\n', '\n'))
    .pipe(
      z
        .string()
        .trim()
        .min(options.min ?? 0, options.minMessage)
        .max(options.max)
        .regex(MULTI_LINE, MULTI_LINE_MESSAGE),
    );
