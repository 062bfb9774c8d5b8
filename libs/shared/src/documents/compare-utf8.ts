/**
 * MongoDB's string order (the simple collation): by UTF-8 bytes. JavaScript's `<` compares UTF-16
 * code units, which differs for characters above U+FFFF (surrogates, 0xD800-0xDFFF) against those
 * from U+E000 up; ranking code units as UTF-8 would order them fixes that without encoding.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return Math.sign(codePointRank(x) - codePointRank(y));
  }
  return Math.sign(a.length - b.length);
}

const codePointRank = (unit: number): number => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit);
