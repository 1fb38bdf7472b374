/** The camera scanner: the back camera's picture, each QR code read in it handed to `onCode` once while it stays in
 *  view. The reader (ZXing, which needs no BarcodeDetector) loads only when the camera is turned on. */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

const SAME_CODE_MS = 3000; // a code still in view is not read again until it has been out of view this long

/** The catalogue key of what went wrong with the camera. */
function cameraProblem(error) {
  if (error?.name === "NotAllowedError") return "scanner.blocked";
  if (error?.name === "NotFoundError" || error?.name === "OverconstrainedError") return "scanner.noCamera";
  if (!navigator.mediaDevices) return "scanner.noMedia";
  return "scanner.failed";
}

export function Scanner({ onCode }) {
  const { t } = useTranslation("checkin");
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState(null);
  const video = useRef(null);
  const handler = useRef(onCode);
  useEffect(() => {
    handler.current = onCode;
  }, [onCode]);

  useEffect(() => {
    if (!on) return undefined;
    let controls = null;
    let stopped = false;
    const last = { text: null, at: 0 };
    const onResult = (result) => {
      if (!result) return; // a picture without a code: the reader keeps looking
      const text = result.getText();
      const now = Date.now();
      const again = text === last.text && now - last.at < SAME_CODE_MS;
      last.text = text;
      last.at = now;
      if (!again) handler.current(text);
    };
    import("@zxing/browser")
      .then(({ BrowserQRCodeReader }) =>
        new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150 }).decodeFromConstraints({ video: { facingMode: "environment" } }, video.current, onResult),
      )
      .then((started) => {
        if (stopped) started.stop();
        else controls = started;
      })
      .catch((error) => {
        if (stopped) return;
        setProblem(cameraProblem(error));
        setOn(false);
      });
    return () => {
      stopped = true;
      controls?.stop();
    };
  }, [on]);

  return (
    <section className="scanner" aria-labelledby="scan-heading">
      <div className="section-head">
        <h2 id="scan-heading">{t("scanner.heading")}</h2>
        <button
          type="button"
          className={`button ${on ? "secondary" : "primary"}`}
          onClick={() => {
            setProblem(null);
            setOn((was) => !was);
          }}
        >
          {on ? t("scanner.stop") : t("scanner.start")}
        </button>
      </div>
      {problem && (
        <p className="alert alert-error" role="alert">
          {t(problem)}
        </p>
      )}
      {on && <video ref={video} className="scanner-video" muted playsInline aria-label={t("scanner.video")} />}
    </section>
  );
}
