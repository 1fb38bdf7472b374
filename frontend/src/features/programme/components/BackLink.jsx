/** The way back to the programme's dashboard, at the top of each of its pages. */
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";

export function BackLink() {
  return (
    <p className="back-link">
      <Link to={paths.facilitator}>← My events</Link>
    </p>
  );
}
