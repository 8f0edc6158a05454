/**
 * The experience's look: primary colour (light/dark) with readable text on it, dark mode when the
 * tenant enables it and the browser prefers it, the favicon, and the tenant's custom CSS (last, so
 * it wins).
 */
import type { Experience } from './experience.ts';

export const prefersDark = (experience: Experience) =>
  experience.color.isDarkModeEnabled && window.matchMedia('(prefers-color-scheme: dark)').matches;

/** WCAG relative luminance of a `#rgb` / `#rrggbb` colour. */
const luminance = (hex: string) => {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  const [r = 0, g = 0, b = 0] = [0, 2, 4].map((at) => {
    const channel = Number.parseInt(full.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** White or black text on the tenant's colour, whichever contrasts more (WCAG ratio). */
const textOn = (hex: string) => {
  const background = luminance(hex);
  return 1.05 / (background + 0.05) >= (background + 0.05) / 0.05 ? '#ffffff' : '#000000';
};

export const applyTheme = (experience: Experience) => {
  const root = document.documentElement;
  const dark = prefersDark(experience);
  const primary = dark ? experience.color.darkPrimaryColor : experience.color.primaryColor;
  root.dataset.theme = dark ? 'dark' : 'light';
  root.style.setProperty('--color-primary', primary);
  root.style.setProperty('--color-on-primary', textOn(primary));
  if (experience.branding.favicon) {
    const link = document.createElement('link');
    link.rel = 'icon';
    link.href = experience.branding.favicon;
    document.head.append(link);
  }
  if (experience.customCss) {
    const style = document.createElement('style');
    style.id = 'custom-css';
    style.textContent = experience.customCss;
    document.head.append(style);
  }
};

export const logoFor = (experience: Experience) =>
  (prefersDark(experience) ? experience.branding.darkLogoUrl : undefined) ?? experience.branding.logoUrl;
