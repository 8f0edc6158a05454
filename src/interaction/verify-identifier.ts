/**
 * Identifier payload → what it proves (spec §8.4). A password proves an account; a one-time code
 * proves an email or phone; a social connector proves a social identity. Password checks cost the
 * same whether or not the account exists (decoy hash), and a suspended account is only revealed
 * to someone who knew its password. Failed passwords and codes count towards a lockout of the
 * identifier and the client address (libraries/lockout.ts).
 */
import type { Queryable } from '../db/driver.ts';
import { findUserCredentials, type UserIdentifier, updateUser } from '../db/queries/users.ts';
import { ApiError } from '../errors/api-error.ts';
import { attempt } from '../libraries/lockout.ts';
import {
  hashPassword,
  needsRehash,
  passwordEncryptionMethod,
  verifyPassword,
} from '../libraries/passwords.ts';
import type { IdentifierPayload, InteractionEvent, VerifiedIdentifier } from './types.ts';

export type VerificationContext = {
  db: Queryable;
  tenantId: string;
  event: InteractionEvent;
  /** The pending interaction's id: one-time codes are bound to it. */
  interactionId: string;
  /** The client's address, for the lockout counters. */
  address?: string;
  /** What earlier steps proved (a social email or phone is checked against them). */
  identifiers: readonly VerifiedIdentifier[];
  verifyCode(target: { email: string } | { phone: string }, code: string): Promise<void>;
  verifySocial(connectorId: string, connectorData: Record<string, unknown>): Promise<VerifiedIdentifier>;
};

const invalidCredentials = () => new ApiError('session.invalid_credentials', { status: 422 });

const failedGuess = (error: unknown) =>
  error instanceof ApiError &&
  ['session.invalid_credentials', 'verification_code.code_mismatch', 'verification_code.not_found'].includes(
    error.code,
  );

const guarded = <T>(context: VerificationContext, subject: string, check: () => Promise<T>) =>
  attempt(context.db, context.tenantId, { subject, address: context.address }, check, failedGuess);

const verifyPasswordIdentifier = async (
  context: VerificationContext,
  identifier: UserIdentifier,
  password: string,
): Promise<VerifiedIdentifier> => {
  const { db, tenantId } = context;
  const found = await findUserCredentials(db, tenantId, identifier);
  // Attempts count per account (its username, email and phone share one budget), or per
  // identifier when no account has it.
  const subject = found ? `user:${found.id}` : `${identifier.kind}:${identifier.value.toLowerCase()}`;
  const user = await guarded(context, subject, async () => {
    const stored = found && { encrypted: found.passwordEncrypted, method: found.passwordEncryptionMethod };
    if (!(await verifyPassword(password, stored)) || !found) throw invalidCredentials();
    return found;
  });
  if (user.isSuspended) throw new ApiError('user.suspended', { status: 401 });
  if (needsRehash(user.passwordEncrypted ?? '', user.passwordEncryptionMethod)) {
    await updateUser(db, tenantId, user.id, {
      passwordEncrypted: await hashPassword(password),
      passwordEncryptionMethod,
    });
  }
  return { key: 'accountId', value: user.id };
};

export const verifyIdentifier = async (
  context: VerificationContext,
  payload: IdentifierPayload,
): Promise<VerifiedIdentifier> => {
  if ('password' in payload) {
    const identifier: UserIdentifier =
      'username' in payload
        ? { kind: 'username', value: payload.username }
        : 'email' in payload
          ? { kind: 'email', value: payload.email }
          : { kind: 'phone', value: payload.phone };
    return verifyPasswordIdentifier(context, identifier, payload.password);
  }
  if ('verificationCode' in payload) {
    if ('email' in payload) {
      await guarded(context, `email:${payload.email.toLowerCase()}`, () =>
        context.verifyCode({ email: payload.email }, payload.verificationCode),
      );
      return { key: 'emailVerified', value: payload.email };
    }
    await guarded(context, `phone:${payload.phone}`, () =>
      context.verifyCode({ phone: payload.phone }, payload.verificationCode),
    );
    return { key: 'phoneVerified', value: payload.phone };
  }
  if ('connectorData' in payload) return context.verifySocial(payload.connectorId, payload.connectorData);

  // A social email or phone: trusted only if the social identity verified earlier carries it.
  const social = context.identifiers.find(
    (identifier) => identifier.key === 'social' && identifier.connectorId === payload.connectorId,
  );
  const userInfo = social?.key === 'social' ? social.userInfo : undefined;
  if ('email' in payload) {
    if (!userInfo?.email || userInfo.email !== payload.email) {
      throw new ApiError('session.connector_session_not_found', { status: 400 });
    }
    return { key: 'emailVerified', value: payload.email };
  }
  if (!userInfo?.phone || userInfo.phone !== payload.phone) {
    throw new ApiError('session.connector_session_not_found', { status: 400 });
  }
  return { key: 'phoneVerified', value: payload.phone };
};
