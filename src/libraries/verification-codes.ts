/**
 * One-time codes sent by email or SMS (spec §8.7): six digits, valid ten minutes, ten wrong
 * tries at most, used once. A new code for the same purpose replaces the unused ones; at most
 * five are sent to one address per 15 minutes (libraries/lockout.ts).
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { ConnectorHost } from '../connectors/host.ts';
import type { VerificationCodeType } from '../connectors/types.ts';
import type { Queryable } from '../db/driver.ts';
import {
  consumePasscode,
  countFailedTry,
  deleteUnconsumedPasscodes,
  findLatestPasscode,
  insertPasscode,
  type PasscodeScope,
} from '../db/queries/passcodes.ts';
import { ApiError } from '../errors/api-error.ts';
import { generateId } from './ids.ts';
import { countCodeSend } from './lockout.ts';

export const codeLifetimeMs = 10 * 60_000;
export const maxCodeTries = 10;

export type CodeTarget = { email: string } | { phone: string };

const scopeOf = (target: CodeTarget, type: VerificationCodeType, interactionJti?: string): PasscodeScope => ({
  type,
  ...(interactionJti !== undefined ? { interactionJti } : {}),
  ...target,
});

const codeError = (code: string) =>
  new ApiError(`verification_code.${code}` as 'verification_code.not_found', { status: 400 });

export const sendVerificationCode = async (
  db: Queryable,
  connectors: ConnectorHost,
  tenantId: string,
  {
    target,
    type,
    interactionJti,
  }: { target: CodeTarget; type: VerificationCodeType; interactionJti?: string },
) => {
  // Fail before storing anything when there is no connector to send with.
  await connectors.messageConnector(db, tenantId, 'email' in target ? 'Email' : 'Sms');
  await countCodeSend(
    db,
    tenantId,
    'email' in target ? `email:${target.email.toLowerCase()}` : `phone:${target.phone}`,
  );
  const scope = scopeOf(target, type, interactionJti);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deleteUnconsumedPasscodes(db, tenantId, scope);
  await insertPasscode(db, tenantId, { id: generateId(), code, ...scope });
  await connectors.send(db, tenantId, target, type, code);
};

export const verifyVerificationCode = async (
  db: Queryable,
  tenantId: string,
  {
    target,
    type,
    code,
    interactionJti,
  }: { target: CodeTarget; type: VerificationCodeType; code: string; interactionJti?: string },
) => {
  const passcode = await findLatestPasscode(db, tenantId, scopeOf(target, type, interactionJti));
  if (!passcode) throw codeError('not_found');
  if ('phone' in target && passcode.phone !== target.phone) throw codeError('phone_mismatch');
  if ('email' in target && passcode.email?.toLowerCase() !== target.email.toLowerCase()) {
    throw codeError('email_mismatch');
  }
  if (passcode.ageMs > codeLifetimeMs) throw codeError('expired');
  if (passcode.tryCount >= maxCodeTries) throw codeError('exceed_max_try');
  const matches =
    code.length === passcode.code.length && timingSafeEqual(Buffer.from(code), Buffer.from(passcode.code));
  if (!matches) {
    await countFailedTry(db, tenantId, passcode.id);
    throw codeError('code_mismatch');
  }
  if (!(await consumePasscode(db, tenantId, passcode.id, maxCodeTries))) throw codeError('not_found');
};
