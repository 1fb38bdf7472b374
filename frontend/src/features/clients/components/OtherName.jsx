/** " · प्रिया शर्मा": a client's name in another script, set beside their name (nothing when they gave none), so staff
 *  see the match whichever script they typed. */
// A text node of the name's own element, not the span's start: some name computations drop a span's leading space.
const BESIDE = " · ";

export function OtherName({ client }) {
  if (!client?.other_name) return null;
  return (
    <>
      {BESIDE}
      <span className="other-name">{client.other_name}</span>
    </>
  );
}
