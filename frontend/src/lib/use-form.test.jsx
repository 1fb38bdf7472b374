import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { InputField } from "../components/Field.jsx";
import { renderApp } from "../test/render.jsx";
import { ApiError } from "./api-client.js";
import { useForm } from "./use-form.js";

const required = (values) => Object.fromEntries(["name", "email"].filter((field) => !values[field].trim()).map((field) => [field, `Enter your ${field}.`]));

/** A two-field form on the hook; options override its handlers. */
function NameForm({ options }) {
  const form = useForm({ initialValues: { name: "", email: "" }, validate: required, ...options(() => form) });
  const { formRef } = form;
  return (
    <form ref={formRef} onSubmit={form.handleSubmit} noValidate aria-label="Name form">
      {form.formError && <p role="alert">{form.formError.message ?? form.formError}</p>}
      <InputField id="name" name="name" label="Name" value={form.values.name} onChange={form.handleChange} error={form.errors.name} />
      <InputField id="email" name="email" label="Email" value={form.values.email} onChange={form.handleChange} error={form.errors.email} />
      <button type="submit" aria-disabled={form.busy || undefined}>
        {form.busy ? "Saving…" : "Save"}
      </button>
    </form>
  );
}

function renderWith(options) {
  return renderApp(<NameForm options={options} />);
}

describe("useForm", () => {
  it("checks the values first: shows each message, focuses the first field in error and sends nothing", async () => {
    const onSubmit = vi.fn();
    const onInvalid = vi.fn();
    const { user } = renderWith(() => ({ onSubmit, onInvalid }));
    await user.type(screen.getByLabelText("Email"), "asha@example.com");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Enter your name.");
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
    expect(onInvalid).toHaveBeenCalledWith({ name: "Enter your name." });
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("drops a field's error as soon as the person changes it", async () => {
    const { user } = renderWith(() => ({ onSubmit: vi.fn() }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    await user.type(screen.getByLabelText("Name"), "A");
    expect(screen.getByLabelText("Name")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
  });

  it("is busy while it sends, ignores a second submit, and is ready again after", async () => {
    let finish;
    const onSubmit = vi.fn(() => new Promise((resolve) => (finish = resolve)));
    const { user } = renderWith(() => ({ onSubmit }));
    await user.type(screen.getByLabelText("Name"), "Asha");
    await user.type(screen.getByLabelText("Email"), "asha@example.com");
    await user.click(screen.getByRole("button", { name: "Save" }));
    const button = screen.getByRole("button", { name: "Saving…" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    await user.click(button);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({ name: "Asha", email: "asha@example.com" });
    finish();
    expect(await screen.findByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled");
  });

  it("puts the server's 400 details on their fields and hands back the rest", async () => {
    const error = new ApiError({ status: 400, code: "validation_error", message: "Invalid input.", details: { email: ["Not a valid email."], captcha: ["Missing."] } });
    let other;
    const { user } = renderWith((form) => ({
      onSubmit: () => Promise.reject(error),
      onError: (failure) => {
        other = form().showServerErrors(failure, ["name", "email"]).other;
        form().setFormError({ message: "Please correct the fields marked below." });
      },
    }));
    await user.type(screen.getByLabelText("Name"), "Asha");
    await user.type(screen.getByLabelText("Email"), "asha@x");
    await user.click(screen.getByRole("button", { name: "Save" }));
    // The error, the focus and the button's return land over more than one render: wait for all of them.
    await waitFor(() => {
      expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Not a valid email.");
      expect(screen.getByLabelText("Email")).toHaveFocus();
      expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled");
    });
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the fields marked below.");
    expect(other).toEqual(["captcha: Missing."]);
  });

  it("shows a failure above the form when there is no onError", async () => {
    const { user } = renderWith(() => ({ onSubmit: () => Promise.reject(new Error("The server had a problem.")) }));
    await user.type(screen.getByLabelText("Name"), "Asha");
    await user.type(screen.getByLabelText("Email"), "asha@example.com");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The server had a problem.");
  });

  it("stays busy when it leaves the page, until the next page is there", async () => {
    const { user } = renderWith((form) => ({ onSubmit: async () => form().leave("/done", { state: { message: "Saved." } }) }));
    await user.type(screen.getByLabelText("Name"), "Asha");
    await user.type(screen.getByLabelText("Email"), "asha@example.com");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/done"));
    expect(screen.getByRole("button", { name: "Saving…" })).toBeInTheDocument();
  });
});
