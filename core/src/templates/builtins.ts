// The variables Vapi gives every template (its documentation of dynamic variables), with their meaning.
// `customer.*` are the fields of the call's customer (CreateCustomerDTO in the OpenAPI document).

export const vapiBuiltins: Readonly<Record<string, string>> = {
  now: 'The current date and time (UTC). Format it with `date`: `{{ "now" | date: "%A", "America/New_York" }}`.',
  date: 'The current date (UTC).',
  time: 'The current time (UTC).',
  month: 'The current month (UTC).',
  day: 'The current day of the month (UTC).',
  year: 'The current year (UTC).',
  'customer.number': "The customer's phone number.",
  'customer.name': "The customer's name (for SIP inbound calls, read from the `From` header).",
  'customer.email': "The customer's email.",
  'customer.extension': 'The extension dialled after the call is answered.',
  'customer.sipUri': "The customer's SIP URI.",
  'customer.externalId': "The customer's external ID.",
  'phoneNumber.number': 'The phone number of the call (the Vapi number called or calling).',
  'phoneNumber.name': 'The name of that phone number.',
  'call.id': 'The call’s ID.',
  'call.type': 'The type of call: `inboundPhoneCall`, `outboundPhoneCall`, `webCall` or `vapi.websocketCall`.',
  'transport.conversationType': 'The kind of conversation the transport carries (a voice call or a chat).',
};
