/** Ids as Logto makes them (spec §13): nanoid over `0-9A-Za-z`. */
import { customAlphabet } from 'nanoid';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const generateId = customAlphabet(alphabet, 21);
export const generateUserId = customAlphabet(alphabet, 12);
/** Client secrets: 32 characters of 62 (≈190 bits); Logto used 21. */
export const generateSecret = customAlphabet(alphabet, 32);
/** Connector ids (12 characters, spec §13). */
export const customAlphabetId = (length: number) => customAlphabet(alphabet, length)();
