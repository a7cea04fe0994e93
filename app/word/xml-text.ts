/** Characters XML 1.0 cannot hold (Word would refuse the file): control characters other than tab and newline. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as a Word document can hold it. */
export function wordSafe(text: string): string {
  return text.replace(NOT_XML, "");
}
