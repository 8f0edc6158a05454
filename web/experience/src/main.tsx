/**
 * The sign-in pages: read the tenant's experience and phrases (in parallel), apply the branding,
 * then render the page for the address.
 */
import { Component, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { setApiLanguage } from './api.ts';
import { ExperienceContext } from './context.ts';
import type { Experience } from './experience.ts';
import { loadPhrases, PhrasesContext, translate } from './i18n.tsx';
import { Routes } from './routes.tsx';
import { applyTheme } from './theme.ts';
import './styles.css';

const loadExperience = async (): Promise<Experience> => {
  const fresh = new URLSearchParams(window.location.search).has('no_cache');
  const response = await fetch(`/api/.well-known/sign-in-exp${fresh ? '?no_cache' : ''}`);
  if (!response.ok) throw new Error(`sign-in experience: ${response.status}`);
  return (await response.json()) as Experience;
};

/** Whatever fails while rendering, the visitor gets a page that says so, never a blank one. */
class Fallback extends Component<
  { children: ReactNode; message: string; retry: string },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="page">
        <div className="card">
          <h1>{this.props.message}</h1>
          <p>
            <a className="button primary" href={window.location.href}>
              {this.props.retry}
            </a>
          </p>
        </div>
      </main>
    );
  }
}

// A page restored from the back-forward cache may show a step that already left: load it afresh.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

const root = createRoot(document.getElementById('root')!);

Promise.all([loadExperience(), loadPhrases()])
  .then(([experience, phrases]) => {
    applyTheme(experience);
    document.documentElement.lang = phrases.language;
    setApiLanguage(phrases.language);
    root.render(
      <ExperienceContext.Provider value={experience}>
        <PhrasesContext.Provider value={phrases}>
          <Fallback
            message={translate(phrases, 'error.something_went_wrong')}
            retry={translate(phrases, 'action.continue')}
          >
            <Routes />
          </Fallback>
        </PhrasesContext.Provider>
      </ExperienceContext.Provider>,
    );
  })
  .catch(() => {
    // Without the experience nothing can be shown in the tenant's words: a plain, honest page.
    root.render(
      <main className="page">
        <div className="card">
          <h1>Sign-in is unavailable</h1>
          <p role="alert">The server could not be reached. Please reload the page in a moment.</p>
        </div>
      </main>,
    );
  });
