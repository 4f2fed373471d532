/** A stream that keeps what is written to it: a batch job's stdout and stderr, and tests'. */
export function collectOutput(): { write(text: string): boolean; text(): string } {
  let buffer = '';
  return {
    write(text: string) {
      buffer += text;
      return true;
    },
    text: () => buffer,
  };
}
