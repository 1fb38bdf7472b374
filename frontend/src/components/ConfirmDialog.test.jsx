import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ConfirmDialog } from "./ConfirmDialog.jsx";

function renderDialog(props = {}) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  render(
    <ConfirmDialog title="Cancel this event?" confirmLabel="Cancel event" cancelLabel="Keep event" onConfirm={onConfirm} onCancel={onCancel} {...props}>
      <p>Everyone will be told.</p>
    </ConfirmDialog>,
  );
  return { onConfirm, onCancel, user: userEvent.setup({ delay: null }) };
}

describe("ConfirmDialog", () => {
  it("starts on the safe choice and closes with Escape", async () => {
    const { onCancel, user } = renderDialog();
    expect(screen.getByRole("dialog", { name: "Cancel this event?" })).toHaveAccessibleDescription("Everyone will be told.");
    expect(screen.getByRole("button", { name: "Keep event" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("while busy keeps its buttons focusable but inert, so the focus stays inside", async () => {
    const { onConfirm, onCancel, user } = renderDialog({ busy: true });
    const confirm = screen.getByRole("button", { name: "Working…" });
    const keep = screen.getByRole("button", { name: "Keep event" });
    for (const button of [confirm, keep]) {
      expect(button).not.toBeDisabled(); // a disabled button would drop the focus out of the dialog
      expect(button).toHaveAttribute("aria-disabled", "true");
    }
    expect(keep).toHaveFocus();
    await user.click(confirm);
    await user.click(keep);
    await user.keyboard("{Escape}");
    expect(onConfirm).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();
  });
});
