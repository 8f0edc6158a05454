/** German error messages (partial: missing keys fall back to English). */
import type { ErrorPhrases } from './en.ts';

export const de: ErrorPhrases = {
  request: {
    invalid_input: 'Die Anfrage ist ungültig: {{details}}',
    route_not_found: 'Es gibt keine API-Route {{method}} {{path}}.',
    method_not_allowed: 'Die Methode {{method}} ist hier nicht erlaubt.',
    internal_server_error: 'Interner Serverfehler.',
  },
  auth: {
    authorization_header_missing: 'Der Authorization-Header fehlt.',
    authorization_token_type_not_supported:
      'Dieser Autorisierungstyp wird nicht unterstützt; sende ein Bearer-Token.',
    unauthorized: 'Das Zugriffstoken ist ungültig oder abgelaufen.',
    forbidden: 'Du hast keine Berechtigung dafür.',
  },
  guard: {
    invalid_input: 'Die Anfrage ({{type}}) ist ungültig.',
    invalid_pagination: 'Die Paginierung ist ungültig: page muss mindestens 1 und page_size 1 bis 100 sein.',
    invalid_json: 'Der Anfrageinhalt ist kein gültiges JSON.',
    payload_too_large: 'Der Anfrageinhalt überschreitet die Grenze von {{limit}} Bytes.',
  },
  entity: {
    not_exists_with_id: '{{name}} mit der ID `{{id}}` existiert nicht.',
  },
};
