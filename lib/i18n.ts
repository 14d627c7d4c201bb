// Typed messages. next-intl checks every key given to a translator against the Swedish catalogue
// (app/_i18n/messages.test.ts keeps the English one's keys the same), so a key the catalogue lacks
// fails to compile instead of failing a page; app/_i18n/messages.type-test.ts proves it.
import type { MessageKeys, Messages, NamespaceKeys, NestedKeyOf, useTranslations } from 'next-intl';
import type { Locale as AppLocale, DateTimeFormats } from './locales';

declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof import('../messages/sv.json');
    Formats: { dateTime: DateTimeFormats };
  }
}

/** A namespace of the catalogue: 'cases.form', 'enums', 'enums.caseStatus'. */
export type MessageNamespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/** The key of one message, from the top: 'cases.form.save'. */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;

/** A namespace's translator: the same from getTranslations (server) and useTranslations (client). */
export type Translator<Namespace extends MessageNamespace = never> = ReturnType<typeof useTranslations<Namespace>>;

/** The translator of the one catalogue of enum labels, "enums.<enum>.<value>". */
export type EnumTranslator = Translator<'enums'>;

/**
 * Whether a key made at run time (a zod message, an action's error, an audit event) names a
 * message of the catalogue: the narrowing that lets such a key reach a typed translator.
 */
export function isMessageKey(messages: Messages, key: string): key is MessageKey {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = Reflect.get(node, part);
  }
  return typeof node === 'string';
}
