/**
 * `POST /api/interaction/submit` (spec §8.6): identify the account, verify the profile, demand
 * what the sign-up settings make mandatory, then act — create the user, update it, or set its new
 * password. Every write of one submit happens in one transaction: a failed submit changes nothing.
 */
import type { Db, Queryable } from '../db/driver.ts';
import type { HookEvent } from '../db/queries/hooks.ts';
import { findRolesByNames } from '../db/queries/roles.ts';
import { findSignInExperience, updateSignInExperience } from '../db/queries/sign-in-experiences.ts';
import {
  findUserByIdentifier,
  findUserByIdentity,
  findUserWithCredentials,
  hasAnyUser,
  type UserFields,
  type UserWithCredentials,
  updateUser,
} from '../db/queries/users.ts';
import { ApiError } from '../errors/api-error.ts';
import { clearSubject } from '../libraries/lockout.ts';
import { passwordEncryptionMethod } from '../libraries/passwords.ts';
import { createUser, revokeUserArtifacts } from '../libraries/users.ts';
import { adminConsoleAppId } from '../oidc/virtual-clients.ts';
import type { SignInExperience } from '../schemas/sign-in-experience.ts';
import type { UserInfo } from '../schemas/user.ts';
import { adminTenantId } from '../tenancy/tenant.ts';
import { assertEventAllowed } from './gating.ts';
import type { InteractionStorage, SocialUserInfo, StoredProfile, VerifiedIdentifier } from './types.ts';

export type SocialConnectorInfo = { target: string; syncProfile: boolean };

export type SubmitContext = {
  db: Db;
  tenantId: string;
  clientId: string;
  userDefaultRoleNames: readonly string[];
  signInExperience(): Promise<SignInExperience>;
  /** The social connector behind a connector id, or undefined when there is none. */
  socialConnector(connectorId: string): Promise<SocialConnectorInfo | undefined>;
  /** Whether any hook listens to `event` (as far as this instance knows). */
  hooksListen(event: HookEvent): Promise<boolean>;
  /** Queues the webhook deliveries of `event`, in the transaction that makes it happen. */
  onEvent(tx: Queryable, event: HookEvent, userId: string): Promise<void>;
  /** Persists the storage as it evolves (the account found, identifiers added on the way). */
  save(storage: InteractionStorage): Promise<void>;
};

export type SubmitOutcome = {
  kind: 'login' | 'passwordReset';
  accountId: string;
  /** Whether an existing account now shows something else (claims): caches of it are stale. */
  accountChanged: boolean;
};

/** Fields a sign-in writes that no claim shows (the users trigger of migration 0007 skips them too). */
const bookkeeping = new Set<string>([
  'lastSignInAt',
  'applicationId',
  'passwordEncrypted',
  'passwordEncryptionMethod',
]);

type MissingProfile = 'password' | 'username' | 'email' | 'phone' | 'emailOrPhone';

const requireSocialTarget = async (context: SubmitContext, connectorId: string) => {
  const connector = await context.socialConnector(connectorId);
  if (!connector) {
    throw new ApiError('session.invalid_connector_id', { status: 422, interpolation: { connectorId } });
  }
  return connector;
};

const isProfileIdentifier = (identifier: VerifiedIdentifier, profile: StoredProfile) =>
  (identifier.key === 'emailVerified' && identifier.value === profile.email) ||
  (identifier.key === 'phoneVerified' && identifier.value === profile.phone) ||
  (identifier.key === 'social' && identifier.connectorId === profile.connectorId);

const suspended = () => new ApiError('user.suspended', { status: 401 });

/** Step 1: the one account every identifier that is not for the profile points to. */
const identifyAccount = async (context: SubmitContext, storage: InteractionStorage) => {
  const { db, tenantId } = context;
  const profile = storage.profile ?? {};
  const authIdentifiers = (storage.identifiers ?? []).filter(
    (identifier) => !isProfileIdentifier(identifier, profile),
  );
  if (authIdentifiers.length === 0) throw new ApiError('session.identifier_not_found', { status: 404 });

  const accountIds = new Set<string>();
  for (const identifier of authIdentifiers) {
    if (identifier.key === 'accountId') {
      accountIds.add(identifier.value);
      continue;
    }
    if (identifier.key === 'social') {
      const { target } = await requireSocialTarget(context, identifier.connectorId);
      const user = await findUserByIdentity(db, tenantId, target, identifier.userInfo.id);
      if (!user) {
        const { phone, email } = identifier.userInfo;
        const related =
          (phone &&
            (await findUserByIdentifier(db, tenantId, { kind: 'phone', value: phone })) && {
              type: 'phone',
              value: phone,
            }) ||
          (email &&
            (await findUserByIdentifier(db, tenantId, { kind: 'email', value: email })) && {
              type: 'email',
              value: email,
            }) ||
          undefined;
        throw new ApiError('user.identity_not_exist', {
          status: 422,
          data: related ? { relatedUser: related } : {},
        });
      }
      if (user.isSuspended) throw suspended();
      accountIds.add(user.id);
      continue;
    }
    const kind = identifier.key === 'emailVerified' ? 'email' : 'phone';
    const user = await findUserByIdentifier(db, tenantId, { kind, value: identifier.value });
    if (!user) {
      throw new ApiError('user.user_not_exist', {
        status: 404,
        data: { identifier: identifier.value },
        interpolation: { identifier: identifier.value },
      });
    }
    if (user.isSuspended) throw suspended();
    accountIds.add(user.id);
  }
  const [accountId] = accountIds;
  if (accountIds.size !== 1 || !accountId || (storage.accountId && storage.accountId !== accountId)) {
    throw new ApiError('session.verification_failed', { status: 400 });
  }
  return accountId;
};

const socialIdentifierFor = (storage: InteractionStorage, connectorId: string | undefined) =>
  (storage.identifiers ?? []).find(
    (identifier): identifier is Extract<VerifiedIdentifier, { key: 'social' }> =>
      identifier.key === 'social' && identifier.connectorId === connectorId,
  );

/** Step 2: the profile's identifiers are verified and nobody else's. */
const verifyProfile = async (
  context: SubmitContext,
  storage: InteractionStorage,
  account?: UserWithCredentials,
) => {
  const { db, tenantId } = context;
  const profile = storage.profile ?? {};
  const identifiers = storage.identifiers ?? [];
  if (storage.event === 'ForgotPassword') {
    if (!profile.passwordEncrypted)
      throw new ApiError('user.new_password_required_in_profile', { status: 422 });
    return;
  }
  if (profile.email && !identifiers.some((i) => i.key === 'emailVerified' && i.value === profile.email)) {
    throw new ApiError('session.verification_session_not_found', { status: 404 });
  }
  if (profile.phone && !identifiers.some((i) => i.key === 'phoneVerified' && i.value === profile.phone)) {
    throw new ApiError('session.verification_session_not_found', { status: 404 });
  }
  if (profile.connectorId && !socialIdentifierFor(storage, profile.connectorId)) {
    throw new ApiError('session.connector_session_not_found', { status: 404 });
  }

  if (storage.event === 'SignIn' && account) {
    const exists = (code: string) => new ApiError(code as 'user.username_exists_in_profile', { status: 400 });
    if (profile.username && account.username) throw exists('user.username_exists_in_profile');
    if (profile.email && account.primaryEmail) throw exists('user.email_exists_in_profile');
    if (profile.phone && account.primaryPhone) throw exists('user.phone_exists_in_profile');
    if (profile.passwordEncrypted && (account.passwordEncrypted || account.hasSocialIdentity)) {
      throw exists('user.password_exists_in_profile');
    }
  }

  const taken = (code: string) => new ApiError(code as 'user.username_already_in_use', { status: 422 });
  if (
    profile.username &&
    (await findUserByIdentifier(db, tenantId, { kind: 'username', value: profile.username }))
  ) {
    throw taken('user.username_already_in_use');
  }
  if (profile.email && (await findUserByIdentifier(db, tenantId, { kind: 'email', value: profile.email }))) {
    throw taken('user.email_already_in_use');
  }
  if (profile.phone && (await findUserByIdentifier(db, tenantId, { kind: 'phone', value: profile.phone }))) {
    throw taken('user.phone_already_in_use');
  }
  const social = socialIdentifierFor(storage, profile.connectorId);
  if (social) {
    const { target } = await requireSocialTarget(context, social.connectorId);
    if (await findUserByIdentity(db, tenantId, target, social.userInfo.id))
      throw taken('user.identity_already_in_use');
  }
};

/**
 * Step 3: what the sign-up settings require that neither the account nor the profile has. A
 * verified email or phone from the social profile fills the gap when nobody uses it yet. Calls
 * `keep` with the storage as it fills, so a failed submit keeps what was gained.
 */
const fulfilProfile = async (
  context: SubmitContext,
  storage: InteractionStorage,
  experience: SignInExperience,
  account: UserWithCredentials | undefined,
  keep: (storage: InteractionStorage) => void,
): Promise<InteractionStorage> => {
  const { db, tenantId } = context;
  const { signUp } = experience;
  let profile = storage.profile ?? {};
  let identifiers = storage.identifiers ?? [];
  const hasPassword = Boolean(account?.passwordEncrypted || account?.hasSocialIdentity);

  const missing = (): MissingProfile[] => {
    const list: MissingProfile[] = [];
    if (signUp.password && !hasPassword && !profile.passwordEncrypted && !profile.connectorId)
      list.push('password');
    const has = {
      username: Boolean(account?.username || profile.username),
      email: Boolean(account?.primaryEmail || profile.email),
      phone: Boolean(account?.primaryPhone || profile.phone),
    };
    const wants = (identifier: 'username' | 'email' | 'phone') => signUp.identifiers.includes(identifier);
    if (wants('username') && !has.username) list.push('username');
    else if (wants('email') && wants('phone') && !has.email && !has.phone) list.push('emailOrPhone');
    else if (wants('email') && !wants('phone') && !has.email) list.push('email');
    else if (wants('phone') && !wants('email') && !has.phone) list.push('phone');
    return list;
  };

  const social = (
    identifiers.find((identifier) => identifier.key === 'social') as
      | Extract<VerifiedIdentifier, { key: 'social' }>
      | undefined
  )?.userInfo;
  let registeredSocialEmail: string | undefined;
  const fromSocial = async (kind: 'email' | 'phone', info: SocialUserInfo | undefined) => {
    const value = info?.[kind];
    if (!value) return;
    if (await findUserByIdentifier(db, tenantId, { kind, value })) {
      if (kind === 'email') registeredSocialEmail = value;
      return;
    }
    identifiers = [...identifiers, { key: kind === 'email' ? 'emailVerified' : 'phoneVerified', value }];
    profile = { ...profile, [kind]: value };
  };
  const before = missing();
  if (before.includes('email') || before.includes('emailOrPhone')) await fromSocial('email', social);
  if (before.includes('phone') || (before.includes('emailOrPhone') && !profile.email)) {
    await fromSocial('phone', social);
  }
  const updated = { ...storage, profile, identifiers };
  if (profile !== storage.profile) keep(updated);

  const remaining = missing();
  if (remaining.length > 0) {
    const data: Record<string, unknown> = { missingProfile: remaining };
    if (storage.event === 'SignIn' && registeredSocialEmail) {
      data.registeredSocialIdentity = { email: registeredSocialEmail };
    }
    throw new ApiError('user.missing_profile', { status: 422, data });
  }
  if (
    storage.event === 'Register' &&
    !profile.username &&
    !profile.email &&
    !profile.phone &&
    !profile.connectorId
  ) {
    throw new ApiError('user.missing_profile', { status: 422 });
  }
  return updated;
};

/** The user fields a profile sets (and, from a social identity, the identity and its name and picture). */
const profileFields = async (
  context: SubmitContext,
  storage: InteractionStorage,
  existing?: UserInfo,
): Promise<UserFields> => {
  const profile = storage.profile ?? {};
  const fields: UserFields = {
    username: profile.username,
    primaryEmail: profile.email,
    primaryPhone: profile.phone,
    passwordEncrypted: profile.passwordEncrypted,
    passwordEncryptionMethod: profile.passwordEncrypted ? passwordEncryptionMethod : undefined,
    lastSignInAt: new Date(),
  };
  const social =
    socialIdentifierFor(storage, profile.connectorId) ??
    (storage.identifiers ?? []).findLast(
      (identifier): identifier is Extract<VerifiedIdentifier, { key: 'social' }> =>
        identifier.key === 'social',
    );
  if (!social) return fields;
  const { target, syncProfile } = await requireSocialTarget(context, social.connectorId);
  const linking = profile.connectorId === social.connectorId;
  if (linking) {
    fields.identities = {
      ...(existing?.identities ?? {}),
      [target]: { userId: social.userInfo.id, details: social.userInfo },
    };
  }
  if (!existing || syncProfile) {
    if (social.userInfo.name !== undefined) fields.name = social.userInfo.name;
    if (social.userInfo.avatar !== undefined) fields.avatar = social.userInfo.avatar;
  }
  return fields;
};

/**
 * A new user of the admin tenant gets the `user` role; the very first one, registering through
 * the admin console, also administers tenant `default`, and registration then closes (spec §3.3).
 */
const adminTenantRoles = async (tx: Queryable, context: SubmitContext) => {
  const names = ['user'];
  if (context.clientId === adminConsoleAppId && !(await hasAnyUser(tx, adminTenantId))) {
    names.push('default:admin');
    await updateSignInExperience(tx, adminTenantId, { signInMode: 'SignIn' });
  }
  return (await findRolesByNames(tx, adminTenantId, names)).map((role) => role.id);
};

export const submitInteraction = async (
  context: SubmitContext,
  initial: InteractionStorage,
): Promise<SubmitOutcome> => {
  let storage = initial;
  try {
    return await submit(context, storage, (kept) => {
      storage = kept;
    });
  } catch (error) {
    // What was established (the account, a social email) survives the failure, e.g. a missing
    // profile field: the next submit does not have to start over.
    if (storage !== initial) await context.save(storage);
    throw error;
  }
};

const submit = async (
  context: SubmitContext,
  initial: InteractionStorage,
  keep: (storage: InteractionStorage) => void,
): Promise<SubmitOutcome> => {
  const { db, tenantId } = context;
  let storage = initial;
  // The sign-in mode may have changed since the interaction started (registration closed).
  if (storage.event !== 'ForgotPassword') assertEventAllowed(await context.signInExperience(), storage.event);
  let account: UserWithCredentials | undefined;
  if (storage.event !== 'Register') {
    const accountId = await identifyAccount(context, storage);
    account = await findUserWithCredentials(db, tenantId, accountId);
    if (!account) throw new ApiError('session.verification_failed', { status: 400 });
    if (storage.accountId !== accountId) {
      storage = { ...storage, accountId };
      keep(storage);
    }
  }
  await verifyProfile(context, storage, account);

  if (storage.event === 'ForgotPassword') {
    const accountId = account!.id;
    await db.transaction(async (tx) => {
      await updateUser(tx, tenantId, accountId, {
        passwordEncrypted: storage.profile!.passwordEncrypted,
        passwordEncryptionMethod,
      });
      // A new password ends every session and token the old one opened, and any lockout.
      await revokeUserArtifacts(tx, tenantId, accountId);
      await clearSubject(tx, tenantId, `user:${accountId}`);
      await context.onEvent(tx, 'PostResetPassword', accountId);
    });
    return { kind: 'passwordReset', accountId, accountChanged: false };
  }

  const experience = await context.signInExperience();
  storage = await fulfilProfile(context, storage, experience, account, keep);
  const fields = await profileFields(context, storage, account);
  // The first application the user signs in to (Logto's `application_id`, set in the same write).
  if (!account?.applicationId) fields.applicationId = context.clientId;

  if (storage.event === 'SignIn') {
    const accountId = account!.id;
    // Most sign-ins fire no webhook: then the update is the only write, and needs no transaction.
    if (await context.hooksListen('PostSignIn')) {
      await db.transaction(async (tx) => {
        await updateUser(tx, tenantId, accountId, fields);
        await context.onEvent(tx, 'PostSignIn', accountId);
      });
    } else await updateUser(db, tenantId, accountId, fields);
    const accountChanged = Object.entries(fields).some(
      ([field, value]) => value !== undefined && !bookkeeping.has(field),
    );
    return { kind: 'login', accountId, accountChanged };
  }
  const user = await db.transaction(async (tx) => {
    // The admin tenant's first-admin rule must see one registration at a time.
    if (tenantId === adminTenantId) await findSignInExperience(tx, tenantId, { lock: true });
    const extraRoleIds = tenantId === adminTenantId ? await adminTenantRoles(tx, context) : [];
    const created = await createUser(tx, tenantId, fields, {
      defaultRoleNames: context.userDefaultRoleNames,
      extraRoleIds,
    });
    await context.onEvent(tx, 'PostRegister', created.id);
    return created;
  });
  return { kind: 'login', accountId: user.id, accountChanged: false };
};
