/** The drawn signature: a pad for a mouse, a finger or a pen (signature_pad), "Clear", and for whoever cannot draw
 *  (a keyboard, a switch, a screen reader) "Sign with my typed name", which writes the typed name on the pad. Each
 *  change hands the pad's PNG as a data URL to onChange (null once cleared). */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import SignaturePad from "signature_pad";

// The server takes a PNG of at most 2000 × 1000 pixels: a sharp pad on a phone without going near that.
const MOST_RATIO = 2;
const PEN = "#1b1b1b";

/** Sizes the canvas to its box at the screen's density, so strokes land under the pointer and stay sharp. */
function fitCanvas(canvas) {
  const ratio = Math.min(globalThis.devicePixelRatio || 1, MOST_RATIO);
  canvas.width = Math.round(canvas.offsetWidth * ratio);
  canvas.height = Math.round(canvas.offsetHeight * ratio);
  canvas.getContext("2d")?.scale(ratio, ratio);
}

/** Writes the name across the pad, as a signature would sit on the line. */
function writeName(canvas, name) {
  const context = canvas.getContext("2d");
  if (!context) return;
  const width = canvas.offsetWidth;
  const height = canvas.offsetHeight;
  context.fillStyle = PEN;
  context.textBaseline = "middle";
  context.font = `italic ${Math.round(height / 4)}px "Noto Sans Devanagari", serif`;
  context.fillText(name, 16, height / 2, Math.max(width - 32, 1));
}

/** The pad on the canvas of canvasRef → {clear, signWithName(name)}; each change goes to onChange (a PNG data URL, or
 *  null once cleared). */
function useSignaturePad(canvasRef, onChange) {
  const padRef = useRef(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const canvas = canvasRef.current;
    fitCanvas(canvas);
    const pad = new SignaturePad(canvas, { penColor: PEN });
    pad.addEventListener("endStroke", () => changed.current(canvas.toDataURL("image/png")));
    padRef.current = pad;
    // A phone turned sideways resizes the box: strokes would land off the pointer, so the pad starts afresh.
    let width = canvas.offsetWidth;
    const refit = () => {
      if (canvas.offsetWidth === width) return;
      width = canvas.offsetWidth;
      fitCanvas(canvas);
      pad.clear();
      changed.current(null);
    };
    globalThis.addEventListener("resize", refit);
    return () => {
      globalThis.removeEventListener("resize", refit);
      pad.off();
    };
  }, [canvasRef]);

  return {
    clear() {
      padRef.current?.clear();
      changed.current(null);
    },
    signWithName(name) {
      padRef.current?.clear();
      writeName(canvasRef.current, name);
      changed.current(canvasRef.current.toDataURL("image/png"));
    },
  };
}

export function SignaturePadField({ id, typedName, onChange, error }) {
  const { t } = useTranslation("forms");
  const canvasRef = useRef(null);
  const pad = useSignaturePad(canvasRef, onChange);
  const labelId = `${id}-label`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  return (
    <div className="field signature-field">
      <p id={labelId} className="signature-label">
        {t("sign.signature")}
      </p>
      <p id={helpId} className="field-hint">
        {t("sign.signatureHelp")}
      </p>
      <canvas
        ref={canvasRef}
        id={id}
        className={`signature-pad${error ? " invalid" : ""}`}
        role="img"
        tabIndex={-1}
        aria-invalid={error ? "true" : undefined}
        aria-labelledby={labelId}
        aria-describedby={error ? `${helpId} ${errorId}` : helpId}
      />
      <div className="actions">
        <button type="button" className="button secondary small" onClick={() => pad.signWithName(typedName.trim())} disabled={typedName.trim().length < 2}>
          {t("sign.useTypedName")}
        </button>
        <button type="button" className="button secondary small" onClick={pad.clear}>
          {t("sign.clear")}
        </button>
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
