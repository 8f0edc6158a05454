/**
 * What the experience API accepts and keeps (spec §8.2): identifier payloads, the profile, and the
 * interaction's storage, which lives in the provider's pending interaction (its `result`).
 */
import { z } from 'zod';
import { type SocialUserInfo, socialUserInfoGuard } from '../connectors/social-user-info.ts';
import { emailGuard, passwordGuard, phoneGuard, usernameGuard } from '../schemas/user.ts';

export const eventGuard = z.enum(['SignIn', 'Register', 'ForgotPassword']);
export type InteractionEvent = z.infer<typeof eventGuard>;

const nonEmpty = z.string().min(1);
const identifier = z.string().min(1).max(128);
const secret = z.string().min(1).max(256);

/** Logto's identifier payloads, first match wins (zod union order), unknown keys dropped. */
export const identifierPayloadGuard = z.union([
  z.object({ username: identifier, password: secret }),
  z.object({ email: identifier, password: secret }),
  z.object({ phone: identifier, password: secret }),
  z.object({ email: emailGuard, verificationCode: secret }),
  z.object({ phone: phoneGuard, verificationCode: secret }),
  z.object({ connectorId: nonEmpty, connectorData: z.record(z.string(), z.unknown()) }),
  z.object({ connectorId: nonEmpty, email: emailGuard }),
  z.object({ connectorId: nonEmpty, phone: phoneGuard }),
]);
export type IdentifierPayload = z.infer<typeof identifierPayloadGuard>;

export const profileGuard = z.object({
  username: usernameGuard.optional(),
  email: emailGuard.optional(),
  phone: phoneGuard.optional(),
  connectorId: nonEmpty.optional(),
  password: passwordGuard.optional(),
});
export type ProfileInput = z.infer<typeof profileGuard>;

/** What a verified identifier proved; one of each key is kept (a newer one replaces it). */
export const verifiedIdentifierGuard = z.discriminatedUnion('key', [
  z.object({ key: z.literal('accountId'), value: z.string() }),
  z.object({ key: z.literal('emailVerified'), value: z.string() }),
  z.object({ key: z.literal('phoneVerified'), value: z.string() }),
  z.object({ key: z.literal('social'), connectorId: z.string(), userInfo: socialUserInfoGuard }),
]);
export type VerifiedIdentifier = z.infer<typeof verifiedIdentifierGuard>;

/**
 * The stored profile. A password is kept only as its hash: the interaction sits in the database
 * until it ends, and a plaintext password must never be at rest (Logto stored it as given).
 */
export const storedProfileGuard = profileGuard.omit({ password: true }).extend({
  passwordEncrypted: z.string().optional(),
});
export type StoredProfile = z.infer<typeof storedProfileGuard>;

export const storageGuard = z.object({
  event: eventGuard,
  identifiers: z.array(verifiedIdentifierGuard).optional(),
  profile: storedProfileGuard.optional(),
  accountId: z.string().optional(),
  /** A social connector's scratch space between the authorization URI and the callback. */
  connectorSession: z.record(z.string(), z.unknown()).optional(),
});
export type InteractionStorage = z.infer<typeof storageGuard>;

export type { SocialUserInfo };
