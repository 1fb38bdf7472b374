/** The sessions I teach in the current studio: its events as far as my role reaches (an instructor's: the sessions
 *  they teach), through the studio's base (lib/studio.jsx). */
import { useQuery } from "@tanstack/react-query";
import { fetchAllPages } from "../../lib/api-client.js";
import { useApi } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

export function useTeachingEvents() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: ["teaching", base, "events"],
    queryFn: ({ signal }) => fetchAllPages(main, `${base}/events`, { signal }),
    enabled: ready,
  });
}
