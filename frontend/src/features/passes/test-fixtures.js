/** Passes in the shapes of GET /passes (on sale) and GET /me/passes (owned), as the demo's Sound Healing passes. */

export function passOnSale(overrides = {}) {
  return {
    id: 31,
    facilitator_id: 4,
    name: "Sound healing 3-class pack",
    description: "",
    kind: "pack",
    credits: 3,
    valid_days: 60,
    period: null,
    sessions_per_week: null,
    price: 200_000,
    currency: "INR",
    event_ids: [1],
    new_customers_only: false,
    status: "on_sale",
    ...overrides,
  };
}

export function ownedPass(overrides = {}) {
  return {
    id: 90,
    product_id: 31,
    facilitator_id: 4,
    name: "Sound healing 3-class pack",
    kind: "pack",
    status: "active",
    valid: true,
    credits: 3,
    credits_left: 3,
    sessions_per_week: null,
    period: null,
    event_ids: [1],
    price: 200_000,
    currency: "INR",
    valid_from: "2031-03-01T10:00:00+00:00",
    valid_until: "2031-04-30T10:00:00+00:00",
    renews: false,
    created_at: "2031-03-01T10:00:00+00:00",
    ...overrides,
  };
}
