/** The five values of a studio's own WhatsApp number, with the shapes the main API checks (main_app/services/chats/
 *  connection.py PATTERNS): mirrored here so a value pasted into the wrong field is caught before it is sent. */

/** Each field: its name in the API, its shape, its words (label, hint, what its shape is: keys in the whatsapp
 *  catalogue), and whether it is a write-only secret (never shown back, typed as a password). */
export const NUMBER_FIELDS = [
  {
    name: "phone_number_id",
    pattern: /^\d{6,20}$/,
    label: "whatsapp:number.fields.phoneNumberId.label",
    hint: "whatsapp:number.fields.phoneNumberId.hint",
    shape: "whatsapp:number.fields.phoneNumberId.shape",
  },
  {
    name: "business_account_id",
    pattern: /^\d{6,20}$/,
    label: "whatsapp:number.fields.businessAccountId.label",
    hint: "whatsapp:number.fields.businessAccountId.hint",
    shape: "whatsapp:number.fields.businessAccountId.shape",
  },
  {
    name: "access_token",
    pattern: /^EAA[A-Za-z0-9_-]{20,1000}$/,
    secret: true,
    label: "whatsapp:number.fields.accessToken.label",
    hint: "whatsapp:number.fields.accessToken.hint",
    shape: "whatsapp:number.fields.accessToken.shape",
  },
  {
    name: "app_secret",
    pattern: /^[0-9a-f]{32}$/,
    secret: true,
    label: "whatsapp:number.fields.appSecret.label",
    hint: "whatsapp:number.fields.appSecret.hint",
    shape: "whatsapp:number.fields.appSecret.shape",
  },
  {
    name: "verify_token",
    pattern: /^[\x21-\x7e]{16,200}$/,
    secret: true,
    label: "whatsapp:number.fields.verifyToken.label",
    hint: "whatsapp:number.fields.verifyToken.hint",
    shape: "whatsapp:number.fields.verifyToken.shape",
  },
];

export const NUMBER_FIELD_NAMES = NUMBER_FIELDS.map((field) => field.name);

/** The form's values for these settings: the number's ids as they are (to replace a token alone), secrets blank. */
export function numberValues(settings) {
  return {
    phone_number_id: settings?.phone_number_id ?? "",
    business_account_id: settings?.business_account_id ?? "",
    access_token: "",
    app_secret: "",
    verify_token: "",
  };
}

/** The body of PUT …/whatsapp: each value trimmed, as the server reads it. */
export const numberBody = (values) => Object.fromEntries(NUMBER_FIELD_NAMES.map((name) => [name, values[name].trim()]));

/** {field: catalogue key} for each value missing or of the wrong shape, and for the platform's own number (which
 *  every studio without its own sends through already). */
export function numberProblems(values, installNumber) {
  const problems = {};
  for (const { name, pattern, shape } of NUMBER_FIELDS) {
    const value = values[name].trim();
    if (!value) problems[name] = "whatsapp:number.required";
    else if (!pattern.test(value)) problems[name] = shape;
  }
  if (!problems.phone_number_id && installNumber && values.phone_number_id.trim() === installNumber) problems.phone_number_id = "whatsapp:number.installNumber";
  return problems;
}
