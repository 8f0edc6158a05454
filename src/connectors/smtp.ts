/**
 * A built-in email connector over SMTP (nodemailer), with the config shape of Logto's SMTP
 * connector: server, optional credentials, sender, and one template per usage type whose
 * `{{code}}` is replaced by the code.
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { ApiError } from '../errors/api-error.ts';
import type { MessageConnector } from './types.ts';

const configGuard = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  auth: z.object({ user: z.string(), pass: z.string() }).optional(),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  /** Refuse to send unless the connection is upgraded to TLS. */
  requireTLS: z.boolean().default(false),
  fromEmail: z.string().min(1),
  replyTo: z.string().optional(),
  templates: z
    .array(
      z.object({
        usageType: z.enum(['SignIn', 'Register', 'ForgotPassword', 'Generic', 'Continue', 'Test']),
        contentType: z.enum(['text/plain', 'text/html']).default('text/plain'),
        subject: z.string().min(1),
        content: z.string().min(1),
      }),
    )
    .min(1),
});

export const smtpConnector: MessageConnector = {
  type: 'Email',
  metadata: {
    id: 'smtp',
    target: 'smtp',
    platform: null,
    name: { en: 'SMTP' },
    logo: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
    logoDark: null,
    description: { en: 'Sends one-time codes through any SMTP server.' },
    readme: '',
  },
  configGuard: configGuard as unknown as MessageConnector['configGuard'],
  async sendMessage({ to, type, payload }, rawConfig) {
    const config = configGuard.parse(rawConfig);
    const template = config.templates.find((candidate) => candidate.usageType === type);
    if (!template) throw new ApiError('connector.template_not_found', { status: 400 });
    const fill = (text: string) => text.replaceAll('{{code}}', payload.code);
    const transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTLS,
      auth: config.auth,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    try {
      await transport.sendMail({
        from: config.fromEmail,
        to,
        replyTo: config.replyTo,
        subject: fill(template.subject),
        [template.contentType === 'text/html' ? 'html' : 'text']: fill(template.content),
      });
    } catch {
      // The SMTP error names hosts and ports: not for whoever asked for a code.
      throw new ApiError('connector.general', {
        status: 400,
        interpolation: { errorDescription: ' The email could not be sent.' },
      });
    } finally {
      transport.close();
    }
  },
};
