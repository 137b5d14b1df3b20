/** WCAG 2 contrast between two colours given as [r, g, b], 0-255. */

/** `#rrggbb` as [r, g, b]. */
export function parseHex(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [Number.parseInt(match[1]!, 16), Number.parseInt(match[2]!, 16), Number.parseInt(match[3]!, 16)];
}

/** `rgb(r, g, b)` or `rgba(r, g, b, a)` as a browser computes it, blended over white when translucent. */
export function parseRgb(css: string): [number, number, number] {
  const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
  if (!match) throw new Error(`not an rgb colour: ${css}`);
  const alpha = match[4] === undefined ? 1 : Number(match[4]);
  return [1, 2, 3].map((k) => Number(match[k]) * alpha + 255 * (1 - alpha)) as [number, number, number];
}

/**
 * The WCAG 2 contrast ratio, (L1 + 0.05) / (L2 + 0.05), of the relative luminances L of the
 * lighter and the darker colour (sRGB channels linearised as WCAG 2 defines).
 */
export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const luminance = (rgb: [number, number, number]): number => {
    const [r, g, b2] = rgb.map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
