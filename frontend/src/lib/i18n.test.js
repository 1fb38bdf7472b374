import { describe, expect, it } from "vitest";
import { i18next, localeTag, setLanguage, t } from "./i18n.js";

const cookieLanguage = () => document.cookie.match(/(?:^|; )lang=([^;]*)/)?.[1] ?? null;

describe("setLanguage", () => {
  it("remembers the language in storage and in a lang cookie for the server that serves the page", async () => {
    await setLanguage("hi");
    expect(i18next.language).toBe("hi");
    expect(document.documentElement.lang).toBe("hi");
    expect(window.localStorage.getItem("language")).toBe("hi");
    expect(cookieLanguage()).toBe("hi");
    await setLanguage("mr");
    expect(cookieLanguage()).toBe("mr");
  });

  it("writes the cookie site-wide, for a year, sent on ordinary navigations", async () => {
    const written = [];
    const record = (value) => {
      written.push(value);
    };
    Object.defineProperty(document, "cookie", { configurable: true, get: () => "", set: record });
    try {
      await setLanguage("hi");
    } finally {
      delete document.cookie; // the prototype's own again
    }
    expect(written).toEqual(["lang=hi; path=/; max-age=31536000; SameSite=Lax"]);
  });

  it("gives a pseudo-language's bundle, English, to the cookie", async () => {
    await setLanguage("en-XA");
    expect(cookieLanguage()).toBe("en");
  });
});

describe("localeTag", () => {
  it("writes numbers and dates in the language's locale, with Western digits in Marathi too", () => {
    expect(localeTag("hi")).toBe("hi-IN");
    expect(localeTag("mr")).toBe("mr-IN-u-nu-latn");
    expect(new Intl.NumberFormat(localeTag("mr")).format(1234)).toMatch(/^1.?234$/);
  });

  it("keeps an English reader's browser English", () => {
    expect(localeTag("en")).toBe(navigator.language);
  });

  it("writes the numbers of a message in Western digits in Marathi", async () => {
    await setLanguage("mr");
    expect(t("common:pass.creditsLeft", { count: 5 })).toMatch(/^5 /);
  });
});

describe("messages parsed when the app is built", () => {
  it("format their placeholders and plurals, and give a message that is only text as it is", async () => {
    await setLanguage("en");
    expect(t("common:pass.creditsLeft", { count: 1 })).toBe("1 credit left");
    expect(t("common:pass.creditsLeft", { count: 5 })).toBe("5 credits left");
    expect(Array.isArray(i18next.getResource("en", "common", "pass.creditsLeft"))).toBe(true);
  });

  it("keep a pseudo-language's placeholders, plurals and tags as English has them", async () => {
    await setLanguage("en-XA");
    expect(t("common:pass.creditsLeft", { count: 5 })).toMatch(/^5 çŕéđîţš ~+ ĺéƒţ ~+$/);
    const waiting = t("bookings:leaveDialog.body", { position: 3, title: "Yoga", when: "today" });
    expect(waiting).toMatch(/^Ýöû'ŕé ñûɱƀéŕ +~+3 îñ ĺîñé ƒöŕ <strong>.*Yoga<\/strong>/);
  });
});
