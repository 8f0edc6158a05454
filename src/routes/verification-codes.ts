/** One-time codes outside of a sign-in (spec §4.x `/verification-codes`): type `Generic`. */
import { z } from 'zod';
import type { ConnectorHost } from '../connectors/host.ts';
import type { Db } from '../db/driver.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { sendVerificationCode, verifyVerificationCode } from '../libraries/verification-codes.ts';
import { emailGuard, phoneGuard } from '../schemas/user.ts';

const target = z.union([z.object({ email: emailGuard }), z.object({ phone: phoneGuard })]);

export const registerVerificationCodeRoutes = (
  router: Router,
  { db, connectors }: { db: Db; connectors: ConnectorHost },
) => {
  router.add(
    defineRoute({
      method: 'post',
      path: '/verification-codes',
      summary: 'Send a one-time code',
      body: target,
      status: [204, 400, 401, 403],
      handler: async ({ body }, ctx) => {
        await sendVerificationCode(db, connectors, ctx.state.tenant.id, { target: body, type: 'Generic' });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/verification-codes/verify',
      summary: 'Check a one-time code',
      description: 'A code works once; ten wrong tries end it.',
      body: z.union([
        z.object({ email: emailGuard, verificationCode: z.string().min(1) }),
        z.object({ phone: phoneGuard, verificationCode: z.string().min(1) }),
      ]),
      status: [204, 400, 401, 403],
      handler: async ({ body: { verificationCode, ...rest } }, ctx) => {
        const codeTarget = 'email' in rest ? { email: rest.email } : { phone: rest.phone };
        await verifyVerificationCode(db, ctx.state.tenant.id, {
          target: codeTarget,
          type: 'Generic',
          code: verificationCode,
        });
      },
    }),
  );
};
