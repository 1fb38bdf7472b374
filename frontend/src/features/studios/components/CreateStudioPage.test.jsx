import { screen, waitFor } from "@testing-library/react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { browserCountry, emptyStudio, studioRequest } from "../studio-form.js";
import { CreateStudioPage } from "./CreateStudioPage.jsx";

const LOTUS = makeStudio("instructor");

/** The staff area's stand-in: which studio is current, and the message the page left. */
function Dashboard() {
  const { studio } = useStudio();
  return <h1>{`Dashboard of ${studio?.name ?? "nobody"}`}</h1>;
}

function renderCreate(answer) {
  const api = fakeApi({
    "GET main /api/studios": () => ok(studioList(LOTUS)),
    "POST main /api/studios": answer,
  });
  const routes = <Route path={paths.facilitator} element={<Dashboard />} />;
  return renderApp(<CreateStudioPage />, { route: paths.newStudio, path: paths.newStudio, api, as: "user", studios: true, routes });
}

const fill = async (user, fields) => {
  for (const [label, text] of Object.entries(fields)) {
    await user.clear(screen.getByLabelText(label));
    if (text) await user.type(screen.getByLabelText(label), text);
  }
};

describe("CreateStudioPage", () => {
  it("makes the studio, sending what was filled in, and makes it the current one", async () => {
    const { user, api } = renderCreate(({ body }) => reply(201, makeStudio("owner", { id: 9, ...body, slug: "amber-hall" })));
    await fill(user, { Name: " Amber Hall ", Country: "in", "Contact email (optional)": "hi@amber.example" });
    await user.selectOptions(screen.getByLabelText("Time zone"), "Asia/Kolkata");
    await user.selectOptions(screen.getByLabelText("Currency"), "INR");
    await user.click(screen.getByRole("button", { name: "Create the studio" }));
    expect(await screen.findByRole("heading", { name: "Dashboard of Amber Hall" })).toBeInTheDocument();
    expect(api.callsTo("POST main /api/studios")[0].body).toEqual({ name: "Amber Hall", timezone: "Asia/Kolkata", currency: "INR", country: "IN", contact_email: "hi@amber.example" });
  });

  it("starts from the browser's time zone and country, and that country's currency", () => {
    expect(browserCountry("en-IN")).toBe("IN");
    expect(browserCountry("de")).toBe("DE");
    expect(browserCountry("not a language")).toBe("");
    const values = emptyStudio("en-GB");
    expect(values).toMatchObject({ country: "GB", currency: "GBP" });
    expect(values.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(emptyStudio("fr-FR").currency).toBe("EUR");
    expect(studioRequest({ ...values, name: "A", slug: " a-b ", contact_phone: " " })).toEqual({ name: "A", slug: "a-b", timezone: values.timezone, currency: "GBP", country: "GB" });
  });

  it("checks the name, slug, country and email before sending", async () => {
    const { user, api } = renderCreate(() => reply(201, {}));
    await fill(user, { Name: "", "Web address (optional)": "Bad Slug", Country: "I", "Contact email (optional)": "nope" });
    await user.click(screen.getByRole("button", { name: "Create the studio" }));
    expect(await screen.findByText("Give the studio a name.")).toBeInTheDocument();
    expect(screen.getByText("Lower-case letters, digits and single hyphens, e.g. lotus-yoga.")).toBeInTheDocument();
    expect(screen.getByText("Two letters, such as IN or DE.", { selector: ".field-error" })).toBeInTheDocument();
    expect(screen.getByText("Enter an email address like hello@studio.example.")).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(api.callsTo("POST main /api/studios")).toHaveLength(0);
  });

  it("shows the API's field errors beside their fields", async () => {
    const refusal = apiError(400, "validation_error", "Invalid input: timezone, currency.", { timezone: ["Not a time zone."], currency: ["Must be an ISO 4217 code in capitals, such as INR or EUR."] });
    const { user } = renderCreate(() => refusal);
    await fill(user, { Name: "Amber Hall", Country: "IN" });
    await user.click(screen.getByRole("button", { name: "Create the studio" }));
    expect(await screen.findByText("Not a time zone.")).toBeInTheDocument();
    expect(screen.getByLabelText("Currency")).toHaveAccessibleDescription("Must be an ISO 4217 code in capitals, such as INR or EUR.");
  });

  it("says a slug is taken beside the slug", async () => {
    const { user } = renderCreate(() => apiError(409, "slug_taken", "Another studio has this slug; choose another.", { slug: ["Taken."] }));
    await fill(user, { Name: "Amber Hall", "Web address (optional)": "lotus-yoga", Country: "IN" });
    await user.click(screen.getByRole("button", { name: "Create the studio" }));
    expect(await screen.findByText("Another studio has this slug; choose another.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText("Web address (optional)")).toHaveFocus());
  });

  it("says plainly when only the platform's admins make studios", async () => {
    const { user } = renderCreate(() => apiError(403, "studio_signup_closed", "Studios are made by the platform's admins here; ask one."));
    await fill(user, { Name: "Amber Hall", Country: "IN" });
    await user.click(screen.getByRole("button", { name: "Create the studio" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The studio was not made. Studios are made by the platform's admins here. Ask an admin to make yours: they can make you its owner.");
    expect(screen.getByTestId("location")).toHaveTextContent(paths.newStudio);
  });
});
