/** Component tests as seen by a viewer in a given time zone: the browser's zone is the test process's TZ. */
import { afterEach, beforeEach } from "vitest";

/** Called in a describe block: its tests run with the viewer's clock in `zone` ("Europe/Berlin"), restored afterwards. */
export function viewerInZone(zone) {
  const env = globalThis.process.env;
  let saved;
  beforeEach(() => {
    saved = env.TZ;
    env.TZ = zone;
  });
  afterEach(() => {
    if (saved === undefined) delete env.TZ;
    else env.TZ = saved;
  });
}
