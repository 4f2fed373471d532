/**
 * Personal data by column name and by value pattern: e-mail addresses, phone numbers, user ids.
 * Such columns never enter the model frame unless the mapping sets `keepPersonalData`.
 */

export type PersonalDataKind = 'email' | 'phone' | 'user-id';

const emailName = /(^|_)(e_?mail|email_address|mail)(_|$)/;
const phoneName = /(^|_)(phone|telephone|mobile|msisdn|cell)(_|$)/;
const userIdName =
  /(^|_)(user|customer|client|visitor|member|account|person|device|cookie|subscriber)_?(id|key|uuid|name)$|^(uid|user|username|ip|ip_address|ssn)$/;

/** Kind of personal data a column name suggests (names are compared in snake_case). */
export function personalDataByName(name: string): PersonalDataKind | null {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  if (emailName.test(snake)) return 'email';
  if (phoneName.test(snake)) return 'phone';
  if (userIdName.test(snake)) return 'user-id';
  return null;
}

/** SQL regular expressions (full match) for values that are personal data. */
export const personalValuePatterns = {
  email: '[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}',
  phone: '\\+?[0-9(][0-9 ()./-]{6,}[0-9]',
  uuid: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
} as const;
