/** A discount code at checkout, shared by the booking dialog and the pass shop: the code the person applied, the price
 *  it gives before paying (GET /codes/quote, asked again whenever what it prices changes: another number of seats),
 *  and why a code can't be used, in the server's words, which name the code. */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "./auth.jsx";
import { t } from "./i18n.js";

/** The API's longest code. */
export const CODE_MAX_LENGTH = 40;

/** A refusal of the code itself, from a quote or from booking or buying with it: used up (409), or a 400 naming
 *  `code` (unknown, not valid yet, expired, not for this). Any other refusal is the caller's to show. */
export const isCodeRefusal = (error) => error?.code === "code_used_up" || (error?.code === "validation_error" && Boolean(error.details?.code));

/** Why a code can't be used, as the server says it ("The code 'SPRING' does not exist."). */
export function codeRefusalText(error) {
  const named = error?.details?.code;
  if (Array.isArray(named) && named.length) return named.join(" ");
  return error?.message || t("common:discountCode.unchecked");
}

/**
 * target: what a code would price, {session_id, seats} or {product_id}; null while there is nothing to price (a
 * pass chosen to pay instead). Returns
 *   text, change(text): the field's value; apply(), reset(): use the code typed, or none;
 *   quote: {code, price, amount_off, amount_due, currency} once the applied code is good for target, else null;
 *   checking: the quote is under way; error: why the code can't be used, in words, or null;
 *   code: the code to send with the booking or purchase (applied, and not refused), or null;
 *   refuse(error): the booking or purchase refused the code (used up since, say): it is no longer applied.
 */
export function useDiscountCode(target) {
  const { main } = useApi();
  const [text, setText] = useState("");
  const [applied, setApplied] = useState(null);
  const [problem, setProblem] = useState(null);
  const quote = useQuery({
    queryKey: ["codes", "quote", applied, target],
    queryFn: ({ signal }) => main.get("/codes/quote", { params: { code: applied, ...target }, signal }),
    enabled: applied !== null && target !== null,
    // A price to pay from, asked afresh each time: never a remembered one, nor one kept once the code is removed.
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    // While the same code is priced again (another number of seats) it stays applied, with the last price.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === applied ? previous : undefined),
  });
  const failed = applied !== null && quote.isError;

  return {
    text,
    change(value) {
      setText(value);
      setProblem(null);
      if (failed) setApplied(null); // the person is fixing it: the refusal goes
    },
    apply() {
      const code = text.trim();
      if (!code) {
        setProblem(t("common:discountCode.typeFirst"));
        return;
      }
      setProblem(null);
      if (code === applied) quote.refetch();
      else setApplied(code);
    },
    reset() {
      setText("");
      setApplied(null);
      setProblem(null);
    },
    refuse(error) {
      setApplied(null);
      setProblem(codeRefusalText(error));
    },
    quote: applied !== null && target !== null && !failed ? (quote.data ?? null) : null,
    checking: applied !== null && target !== null && quote.isFetching,
    error: problem ?? (failed ? codeRefusalText(quote.error) : null),
    code: applied !== null && !failed ? applied : null,
  };
}
