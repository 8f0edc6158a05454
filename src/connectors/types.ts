/**
 * Logto's connector model (connector-kit, spec §7.1): a factory declares its type, metadata and
 * config guard, and the methods of its kind. A tenant's connectors are rows of `connectors`
 * naming a factory, with their config and metadata overrides.
 */
import type { z } from 'zod';

export type ConnectorType = 'Email' | 'Sms' | 'Social';
export type ConnectorPlatform = 'Native' | 'Universal' | 'Web';
export type VerificationCodeType = 'SignIn' | 'Register' | 'ForgotPassword' | 'Generic' | 'Continue' | 'Test';

export type ConnectorMetadata = {
  id: string;
  target: string;
  platform: ConnectorPlatform | null;
  name: Record<string, string>;
  logo: string;
  logoDark: string | null;
  description: Record<string, string>;
  isStandard?: boolean;
  readme: string;
  configTemplate?: string;
};

/** What a social connector learned about the user. */
export type SocialUserInfo = { id: string; email?: string; phone?: string; name?: string; avatar?: string };

/** Per-interaction scratch space of a social connector (nonce, state…), read once. */
export type ConnectorSession = Record<string, unknown>;

type Base<T extends ConnectorType> = {
  type: T;
  metadata: ConnectorMetadata;
  configGuard: z.ZodType<Record<string, unknown>>;
};

export type MessageConnector = Base<'Email' | 'Sms'> & {
  sendMessage(
    message: { to: string; type: VerificationCodeType; payload: { code: string } },
    config: Record<string, unknown>,
  ): Promise<void>;
};

export type SocialConnector = Base<'Social'> & {
  getAuthorizationUri(
    request: { state: string; redirectUri: string; connectorId: string; jti: string },
    config: Record<string, unknown>,
    setSession: (session: ConnectorSession) => Promise<void>,
  ): Promise<string>;
  getUserInfo(
    data: Record<string, unknown>,
    config: Record<string, unknown>,
    getSession: () => Promise<ConnectorSession | undefined>,
  ): Promise<SocialUserInfo>;
};

export type ConnectorFactory = MessageConnector | SocialConnector;
