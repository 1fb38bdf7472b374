/* A stand-in for Razorpay's checkout.js, served by the fake Razorpay (main_fake_razorpay.py) at /v1/checkout.js:
   new Razorpay(options).open() shows an overlay with Pay by UPI (a VPA: success@razorpay pays, failure@razorpay
   fails), Card, Netbanking and Fail; the payment is made on the fake, which signs the handler's answer as Razorpay
   does and (when told our webhook URL) sends the webhooks. Only the options our checkout page uses are read. */
(function () {
  "use strict";
  var base = new URL(document.currentScript.src).origin;

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function Razorpay(options) {
    this.options = options || {};
    this.listeners = {};
  }

  Razorpay.prototype.on = function (event, callback) { this.listeners[event] = callback; };

  Razorpay.prototype.close = function () {
    if (this.overlay) { this.overlay.remove(); this.overlay = null; }
    clearTimeout(this.timer);
  };

  Razorpay.prototype.pay = function (method, extra) {
    var self = this, o = this.options;
    var form = new URLSearchParams(Object.assign({method: method}, extra || {}));
    if (o.order_id) { form.set("order_id", o.order_id); }
    if (o.subscription_id) { form.set("subscription_id", o.subscription_id); }
    self.status.textContent = "Processing…";
    fetch(base + "/v1/fake_checkout/pay", {method: "POST", body: form}).then(function (response) {
      return response.json();
    }).then(function (answer) {
      if (answer.error) {
        self.status.textContent = "Payment failed: " + answer.error.description + ". Try another way.";
        if (self.listeners["payment.failed"]) { self.listeners["payment.failed"]({error: answer.error}); }
        return;
      }
      self.close();
      o.handler(answer);
    });
  };

  Razorpay.prototype.open = function () {
    var self = this, o = this.options;
    self.close();
    var overlay = el("div", {role: "dialog", "aria-label": "Razorpay Checkout (test stand-in)",
      style: "position:fixed;inset:0;background:rgba(0,0,0,.5);display:flex;align-items:center;justify-content:center"});
    var box = el("div", {style: "background:#fff;padding:24px;border-radius:8px;min-width:300px;font-family:sans-serif"});
    box.appendChild(el("h2", {}, "Razorpay (test stand-in)"));
    box.appendChild(el("p", {}, o.description || ""));
    if (o.amount) { box.appendChild(el("p", {"data-amount": String(o.amount)}, (o.amount / 100).toFixed(2) + " " + o.currency)); }
    var vpa = el("input", {"aria-label": "UPI ID", value: "success@razorpay"});
    box.appendChild(vpa);
    var buttons = [["Pay by UPI", function () { self.pay("upi", {vpa: vpa.value}); }],
                   ["Card", function () { self.pay("card"); }],
                   ["Netbanking", function () { self.pay("netbanking"); }],
                   ["Fail", function () { self.pay("upi", {outcome: "fail"}); }],
                   ["Cancel", function () { self.close(); if (o.modal && o.modal.ondismiss) { o.modal.ondismiss(); } }]];
    buttons.forEach(function (pair) {
      var button = el("button", {type: "button", style: "margin:8px 8px 0 0"}, pair[0]);
      button.addEventListener("click", pair[1]);
      box.appendChild(button);
    });
    self.status = el("p", {role: "status"});
    box.appendChild(self.status);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    self.overlay = overlay;
    if (o.timeout) {
      self.timer = setTimeout(function () {
        self.close();
        if (o.modal && o.modal.ondismiss) { o.modal.ondismiss(); }
      }, o.timeout * 1000);
    }
  };

  window.Razorpay = Razorpay;
})();
