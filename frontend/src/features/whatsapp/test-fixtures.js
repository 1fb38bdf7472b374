/** The studio's WhatsApp in the shapes of the main API's routes (issue 82's contract; main_app/api/chats.py). */
import { apiError, fakeApi, ok, reply } from "../../test/fake-api.js";
import { makeStudio, studioList } from "../../test/studios.js";

export const CLIENT_WHATSAPP = "GET main /api/studios/lotus-yoga/clients/101/whatsapp";
export const SEND = "POST main /api/studios/lotus-yoga/clients/101/whatsapp/messages";
export const USAGE = "GET main /api/studios/lotus-yoga/whatsapp/usage";
export const NUMBER = "GET main /api/studios/lotus-yoga/whatsapp";
export const CONNECT = "PUT main /api/studios/lotus-yoga/whatsapp";
export const DISCONNECT = "DELETE main /api/studios/lotus-yoga/whatsapp";

const hoursFromNow = (hours) => new Date(Date.now() + hours * 3600_000).toISOString();

/** GET …/clients/<user_id>/whatsapp: open (an answer may go for 5 more hours), closed or stopped. */
export function windowOf(which = "open", overrides = {}) {
  const open = which === "open";
  return {
    opted_in: true,
    stopped: which === "stopped",
    number_hint: "•••• 3210",
    window_open: open,
    window_closes_at: open ? hoursFromNow(5) : which === "closed" ? hoursFromNow(-3) : null,
    can_answer: open,
    ...overrides,
  };
}

/** The 409s of POST …/whatsapp/messages, by code. */
export const REFUSED = {
  whatsapp_window_closed: () => apiError(409, "whatsapp_window_closed", "The 24-hour window is closed."),
  whatsapp_stopped: () => apiError(409, "whatsapp_stopped", "The number has sent STOP."),
  whatsapp_not_connected: () => apiError(409, "whatsapp_not_connected", "The studio has no WhatsApp number."),
};

/** A month's usage as GET …/whatsapp/usage answers it (services/whatsapp/usage.py monthly_usage). */
export function usageOf(month, { utility = [0, 0], marketing = [0, 0], service = [0, 0] } = {}) {
  const figures = ([sent, notBillable]) => ({ sent, not_billable: notBillable, billable: sent - notBillable });
  const categories = { utility: figures(utility), marketing: figures(marketing), service: figures(service) };
  const total = ["sent", "not_billable", "billable"].reduce((sum, name) => ({ ...sum, [name]: Object.values(categories).reduce((all, one) => all + one[name], 0) }), {});
  return { month, categories, total };
}

/** GET …/whatsapp (services/chats/connection.py document): "own" (the studio's number connected), "install" (the
 *  platform's number only) or "none" (no WhatsApp at all). */
export function numberOf(which = "install", overrides = {}) {
  const own = which === "own";
  return {
    connected: own,
    phone_number_id: own ? "106540352242922" : null,
    business_account_id: own ? "102290129340398" : null,
    secrets_hint: own ? "EAA…Zx9Q" : null,
    secrets_set_at: own ? "2031-01-05T10:00:00+00:00" : null,
    install_phone_number_id: which === "none" ? null : "100000000000001",
    sends_through: own ? "own" : which === "none" ? null : "install",
    webhook_url: own ? "http://localhost:5000/whatsapp/webhook/lotus-yoga" : null,
    ...overrides,
  };
}

/** A fake network with the studio (as `role`), the client's window answering from `state.window`, an answer
 *  answered by `state.send` (202 by default), and `more`. */
export function whatsappApi({ role = "owner", state = { window: windowOf() }, more = {} } = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    [CLIENT_WHATSAPP]: () => (typeof state.window === "function" ? state.window() : ok(state.window)),
    [SEND]: (call) => (state.send ? state.send(call) : reply(202, { message_id: "msg-1", window_closes_at: state.window.window_closes_at })),
    ...more,
  });
}
