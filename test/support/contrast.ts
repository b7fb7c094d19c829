/**
 * WCAG 2.x contrast of what a page shows: every visible element with text of its own, its text
 * colour (with its alpha and the element's opacity) against the background it is drawn on (the
 * ancestors' background colours composited, white at the bottom). Normal text needs 4.5:1; large
 * text (≥ 24 px, or ≥ 18.66 px bold) 3:1, as WCAG allows. Background images are not looked at:
 * the pages draw text on plain colours.
 */
import type { Page } from 'playwright-core';

export interface LowContrast {
  text: string;
  /** The element: its tag, id and classes. */
  where: string;
  color: string;
  background: string;
  ratio: number;
  required: number;
}

/** The text elements of the page whose contrast is below what WCAG asks for. */
export async function lowContrastTexts(page: Page): Promise<LowContrast[]> {
  // A page just opened slides in from the right: wait until it is in place.
  await page.waitForFunction(() => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none');
    const top = shown[shown.length - 1];
    return !top || Math.abs(top.getBoundingClientRect().left) < 1;
  });
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    // `top` drawn over an opaque `bottom`.
    const over = (top: RGBA, bottom: RGBA): RGBA => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    const luminance = (c: RGBA) => {
      const ch = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
    };
    const background = (el: Element): RGBA => {
      const layers: RGBA[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let c: RGBA = [255, 255, 255, 1];
      for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
      return c;
    };
    const opacity = (el: Element) => {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    // Taro's H5 router keeps the pages below the current one in the document (a tab page stays
    // displayed under a page opened from it): only the topmost page counts, and what is outside
    // the pages (the tab bar).
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none');
    const current = pages[pages.length - 1] ?? null;
    const out: LowContrast[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const inPage = el.closest('.taro_page');
      if (inPage && inPage !== current) continue;
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!own) continue;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || style.display === 'none') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width < 1 || rect.height < 1) continue;
      // On the screen (not scrolled away sideways, not a hidden page of the router).
      if (rect.right <= 0 || rect.left >= window.innerWidth) continue;
      if ((el as HTMLElement).offsetParent === null && style.position !== 'fixed') continue;
      const bg = background(el);
      const fg = parse(style.color);
      const alpha = fg[3] * opacity(el);
      const color = over([fg[0], fg[1], fg[2], alpha], bg);
      const [l1, l2] = [luminance(color), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const required = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio + 1e-6 < required) {
        out.push({
          text: own.slice(0, 30),
          where: describe(el),
          color: style.color,
          background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`,
          ratio: Math.round(ratio * 100) / 100,
          required,
        });
      }
    }
    return out;
  });
}
