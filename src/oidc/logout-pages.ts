/**
 * RP-initiated logout pages. Like Logto, no confirmation is asked: the provider's form (with its
 * CSRF token) is submitted at once with `logout=yes`; a button covers browsers without scripts.
 */
import type { KoaContextWithOIDC } from 'oidc-provider';

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body>${body}</body></html>`;

export const logoutSource = async (ctx: KoaContextWithOIDC, form: string) => {
  const confirmed = form.replace(
    '</form>',
    '<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">Sign out</button></noscript></form>',
  );
  ctx.type = 'html';
  ctx.body = page('Signing out…', `${confirmed}<script>document.forms[0].submit()</script>`);
};

export const postLogoutSuccessSource = async (ctx: KoaContextWithOIDC) => {
  ctx.type = 'html';
  ctx.body = page(
    'Signed out',
    '<main><h1>You have signed out.</h1><p>You can close this window.</p></main>',
  );
};
