/** Feature ids as typed: `cors,headers`, `cors headers` and `cors, headers` all name the same two. */
export function featureList(words: readonly string[]): string[] {
  return words.flatMap((word) => word.split(',')).map((id) => id.trim()).filter(Boolean);
}
