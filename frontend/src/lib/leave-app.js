/** Leaving the app for another site (a payment provider's hosted checkout): a full page load, not a route change.
 *  One object so tests can replace `go` (jsdom can neither navigate nor have window.location.assign spied on). */
export const leaveApp = {
  go(url) {
    window.location.assign(url);
  },
};
