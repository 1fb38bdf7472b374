/** A renewing membership's "Stop renewing": asked once more, then the renewal stops and the period runs out. */
import { useState } from "react";
import { useStopRenewal } from "../api.js";

export function StopRenewal({ pass, until }) {
  const [asking, setAsking] = useState(false);
  const stop = useStopRenewal();
  if (!asking) {
    return <button type="button" className="button secondary small" onClick={() => setAsking(true)}>Stop renewing</button>;
  }
  return (
    <div className="stop-renewal" role="group" aria-label="Stop renewing">
      <p>{`Stop renewing ${pass.name}? It stays good${until ? ` until ${until}` : ""}, and you are not charged again.`}</p>
      {stop.isError && <p role="alert">{stop.error?.message || "That didn't work; please try again."}</p>}
      <button type="button" className="button danger small" disabled={stop.isPending} onClick={() => stop.mutate(pass.id)}>Stop renewing</button>
      <button type="button" className="button secondary small" onClick={() => setAsking(false)}>Keep it</button>
    </div>
  );
}
