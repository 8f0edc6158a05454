/**
 * What the sign-in experience allows (spec §8.5), checked unless the event is ForgotPassword:
 * the event against the sign-in mode, an identifier against the sign-in methods, a profile field
 * against the sign-up settings.
 */
import { ApiError, assertThat } from '../errors/api-error.ts';
import type { SignInExperience, SignInIdentifier } from '../schemas/sign-in-experience.ts';
import type { IdentifierPayload, InteractionEvent, ProfileInput } from './types.ts';

const notEnabled = () => new ApiError('user.sign_in_method_not_enabled', { status: 422 });

export const assertEventAllowed = (experience: SignInExperience, event: InteractionEvent) => {
  const forbidden =
    (event === 'SignIn' && experience.signInMode === 'Register') ||
    (event === 'Register' && experience.signInMode === 'SignIn');
  assertThat(!forbidden, 'auth.forbidden', { status: 403 });
};

const methodFor = (experience: SignInExperience, identifier: SignInIdentifier) =>
  experience.signIn.methods.find((method) => method.identifier === identifier);

export const assertIdentifierEnabled = (experience: SignInExperience, payload: IdentifierPayload) => {
  if ('connectorId' in payload) return;
  const identifier: SignInIdentifier =
    'username' in payload ? 'username' : 'email' in payload ? 'email' : 'phone';
  const method = methodFor(experience, identifier);
  if ('password' in payload) {
    if (!method?.password) throw notEnabled();
    return;
  }
  const { signUp } = experience;
  const codeAllowed =
    method !== undefined &&
    (method.verificationCode || signUp.identifiers.includes(identifier) || signUp.verify);
  if (!codeAllowed) throw notEnabled();
};

export const assertProfileEnabled = (experience: SignInExperience, profile: ProfileInput) => {
  const { signUp } = experience;
  if (profile.phone !== undefined && !signUp.identifiers.includes('phone')) throw notEnabled();
  if (profile.email !== undefined && !signUp.identifiers.includes('email')) throw notEnabled();
  if (profile.username !== undefined && !signUp.identifiers.includes('username')) throw notEnabled();
  if (profile.password !== undefined && !signUp.password) throw notEnabled();
};
