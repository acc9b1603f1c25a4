export type Style = 'red' | 'yellow' | 'green' | 'blue' | 'dim' | 'bold' | 'underline';

const CODES: Readonly<Record<Style, readonly [number, number]>> = {
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  blue: [34, 39],
  dim: [2, 22],
  bold: [1, 22],
  underline: [4, 24],
};

export type Paint = (style: Style, text: string) => string;

export const plain: Paint = (_style, text) => text;

export const ansi: Paint = (style, text) => {
  const [open, close] = CODES[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
};

/**
 * Colour only for a terminal, following the NO_COLOR and FORCE_COLOR conventions; a flag
 * (`--color` / `--no-color`) wins over both.
 */
export function choosePaint(
  stream: { readonly isTTY?: boolean | undefined },
  env: Readonly<Record<string, string | undefined>>,
  flag: boolean | undefined,
): Paint {
  if (flag !== undefined) return flag ? ansi : plain;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return plain;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '0' ? plain : ansi;
  return stream.isTTY === true && env.TERM !== 'dumb' ? ansi : plain;
}
