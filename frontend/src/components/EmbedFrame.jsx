/** The frame of a studio's widget (a layout route): just the content in a <main>, no site header, nav nor footer;
 *  it tells the page that frames it how tall it is, and shows the theme it is given (?theme=, then the parent's
 *  messages). */
import { useEffect } from "react";
import { useSearchParams } from "react-router";
import { useFrameTheme, useReportHeight } from "../lib/embed-frame.js";
import { PageOutlet } from "./PageOutlet.jsx";

export function EmbedFrame() {
  const [searchParams] = useSearchParams();
  // Marks the document as a widget's: its CSS then sizes the page to its content, not to the frame (styles.css).
  // First, so that the first height reported is already the content's.
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.embed = "";
    return () => delete root.dataset.embed;
  }, []);
  useFrameTheme(searchParams.get("theme"));
  useReportHeight();
  return (
    <main id="main" className="embed">
      <PageOutlet />
    </main>
  );
}
