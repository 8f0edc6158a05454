/**
 * The experience's look: primary colour (light/dark), dark mode when the tenant enables it and the
 * browser prefers it, the favicon, and the tenant's custom CSS (last, so it wins).
 */
import type { Experience } from './experience.ts';

export const prefersDark = (experience: Experience) =>
  experience.color.isDarkModeEnabled && window.matchMedia('(prefers-color-scheme: dark)').matches;

export const applyTheme = (experience: Experience) => {
  const root = document.documentElement;
  const dark = prefersDark(experience);
  root.dataset.theme = dark ? 'dark' : 'light';
  root.style.setProperty(
    '--color-primary',
    dark ? experience.color.darkPrimaryColor : experience.color.primaryColor,
  );
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
