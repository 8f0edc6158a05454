/**
 * `POST /api/interaction/consent` (spec §8.3): the consent page calls it without asking the user
 * (first-party apps). It grants what the consent prompt found missing — the OpenID scopes and
 * claims asked for, and for each resource the requested scopes the user's roles allow (the
 * provider computed those from `getResourceServerInfo`) — and returns where the browser resumes.
 */
import { z } from 'zod';
import type { Db } from '../../db/driver.ts';
import { setUserApplicationIfEmpty } from '../../db/queries/users.ts';
import { defineRoute } from '../../http/route.ts';
import type { Router } from '../../http/router.ts';
import { loadInteraction, sessionNotFound, storeInteractionResult } from '../../oidc/interaction.ts';
import type { ProviderRegistry } from '../../oidc/registry.ts';

type ConsentDetails = {
  missingOIDCScope?: string[];
  missingOIDCClaims?: string[];
  missingResourceScopes?: Record<string, string[]>;
};

export const registerConsentRoutes = (
  router: Router,
  { db, providers }: { db: Db; providers: ProviderRegistry },
) => {
  router.add(
    defineRoute({
      method: 'post',
      path: '/interaction/consent',
      summary: 'Grant the consent the sign-in flow asks for',
      description:
        'Needs the OIDC interaction cookie and a signed-in session. Grants the missing OpenID scopes and the resource scopes the user’s roles allow, and answers where the browser continues.',
      response: z.object({ redirectTo: z.string() }),
      status: [200, 400],
      handler: async (_input, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const provider = await providers.get(tenantId);
        const interaction = await loadInteraction(provider, ctx);
        const { session, prompt, params, grantId } = interaction;
        const accountId = session?.accountId;
        if (!accountId) throw sessionNotFound();
        const clientId = String(params.client_id);

        const grant =
          (grantId ? await provider.Grant.find(grantId) : undefined) ??
          new provider.Grant({ accountId, clientId });
        const details = prompt.details as ConsentDetails;
        if (details.missingOIDCScope?.length) grant.addOIDCScope(details.missingOIDCScope);
        if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
        for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
          grant.addResourceScope(indicator, scopes);
        }
        const savedGrantId = await grant.save();
        // After a sign-in in this flow, its submit has already recorded the user's first application.
        if (!interaction.lastSubmission?.login)
          await setUserApplicationIfEmpty(db, tenantId, accountId, clientId);

        const redirectTo = await storeInteractionResult(interaction, { consent: { grantId: savedGrantId } });
        return { redirectTo };
      },
    }),
  );
};
