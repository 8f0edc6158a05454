/**
 * What a social connector learned about the user, as Latch keeps it: only the known fields (a
 * connector may return tokens or whole raw profiles) and no nulls.
 */
import { z } from 'zod';
import { ApiError } from '../errors/api-error.ts';

export const socialUserInfoGuard = z.object({
  id: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  name: z.string().optional(),
  avatar: z.string().optional(),
});
export type SocialUserInfo = z.infer<typeof socialUserInfoGuard>;

/** A connector's answer reduced to the known fields; `connector.invalid_response` (400) without an id. */
export const readSocialUserInfo = (raw: Record<string, unknown>): SocialUserInfo => {
  const known = Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => value != null && key in socialUserInfoGuard.shape),
  );
  const parsed = socialUserInfoGuard.safeParse(known);
  if (!parsed.success) throw new ApiError('connector.invalid_response', { status: 400 });
  return parsed.data;
};

/** `Authorization: Basic` for a client id and secret (RFC 6749 §2.3.1: form-encoded first). */
export const basicAuthorization = (clientId: string, clientSecret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
