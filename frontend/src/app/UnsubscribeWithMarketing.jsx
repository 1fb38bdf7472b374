/** /unsubscribe: a marketing email's link (&marketing=1) goes to the client book's page for the studio's marketing
 *  emails; a reminder's or a guest email's link to the account's page, as before. No login either way. */
import { useSearchParams } from "react-router";
import { UnsubscribePage } from "../features/account/components/UnsubscribePage.jsx";
import { MarketingUnsubscribe } from "../features/clients/components/MarketingUnsubscribe.jsx";

export function UnsubscribeWithMarketing() {
  const [searchParams] = useSearchParams();
  return searchParams.get("marketing") === "1" ? <MarketingUnsubscribe /> : <UnsubscribePage />;
}
