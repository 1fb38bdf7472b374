import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { event, session } from "../test-fixtures.js";
import { AddSessionForm } from "./AddSessionForm.jsx";
import { EditSessionForm } from "./EditSessionForm.jsx";

const ADD = "POST main /api/facilitator/2/events/1/sessions";
const PATCH = "PATCH main /api/facilitator/2/sessions/11";
const retreat = event({ id: 1, timezone: "Asia/Kolkata" });
const twin = { id: 72, name: "Shared twin", price: 4_500_000, capacity: 12, seats_left: 9 };

const typeIn = (scope, label, value) => fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
const timeField = (label) => screen.getByLabelText(new RegExp(`^${label} \\(`));

describe("Room options in the session forms", () => {
  viewerInZone("Asia/Kolkata");

  it("adds a session with its room options, each with its price and places", async () => {
    const api = fakeApi({ [ADD]: ({ body }) => reply(201, session({ id: 12, ...body })) });
    const { user } = renderApp(<AddSessionForm event={retreat} />, { api, as: "facilitator" });
    fireEvent.change(timeField("Starts at"), { target: { value: "2031-01-22T09:00" } });
    fireEvent.change(timeField("Ends at"), { target: { value: "2031-01-25T10:00" } });
    typeIn(document.body, "Capacity", "16");
    const rooms = screen.getByRole("group", { name: "Room options" });
    await user.click(within(rooms).getByRole("button", { name: "Add a room option" }));
    await user.click(within(rooms).getByRole("button", { name: "Add a room option" }));
    typeIn(rooms, "Option 1 name", "Private room");
    typeIn(rooms, "Option 1 price (INR)", "60000");
    typeIn(rooms, "Option 1 places", "4");
    typeIn(rooms, "Option 2 name", "Shared twin");
    typeIn(rooms, "Option 2 price (INR)", "45000");
    typeIn(rooms, "Option 2 places", "12");
    await user.click(screen.getByRole("button", { name: "Add session" }));
    await screen.findByText(/^Session added: /);
    expect(api.callsTo(ADD)[0].body.options).toEqual([
      { name: "Private room", price: 6_000_000, capacity: 4 },
      { name: "Shared twin", price: 4_500_000, capacity: 12 },
    ]);
  });

  it("checks each option before sending, and a removed row is not sent", async () => {
    const api = fakeApi({ [ADD]: ({ body }) => reply(201, session({ id: 12, ...body })) });
    const { user } = renderApp(<AddSessionForm event={retreat} />, { api, as: "facilitator" });
    fireEvent.change(timeField("Starts at"), { target: { value: "2031-01-22T09:00" } });
    fireEvent.change(timeField("Ends at"), { target: { value: "2031-01-25T10:00" } });
    typeIn(document.body, "Capacity", "16");
    const rooms = screen.getByRole("group", { name: "Room options" });
    await user.click(within(rooms).getByRole("button", { name: "Add a room option" }));
    await user.click(screen.getByRole("button", { name: "Add session" }));
    const name = within(rooms).getByLabelText("Option 1 name");
    await waitFor(() => expect(name).toHaveAttribute("aria-invalid", "true"));
    expect(name).toHaveAccessibleDescription("Name the option, like Shared twin.");
    expect(within(rooms).getByLabelText("Option 1 places")).toHaveAccessibleDescription("Enter how many people can attend.");
    expect(api.callsTo(ADD)).toHaveLength(0);
    await user.click(within(rooms).getByRole("button", { name: "Remove option 1" }));
    await user.click(screen.getByRole("button", { name: "Add session" }));
    await screen.findByText(/^Session added: /);
    expect(api.callsTo(ADD)[0].body).not.toHaveProperty("options");
  });

  it("edits a session's options as one list, keeping each saved option's id", async () => {
    const saved = session({ id: 11, capacity: 16, seats_taken: 3, options: [twin] });
    const api = fakeApi({ [PATCH]: ({ body }) => ok({ ...saved, options: [{ ...twin, name: body.options[0].name }] }) });
    const { user } = renderApp(<EditSessionForm session={saved} timeZone="Asia/Kolkata" />, { api, as: "facilitator" });
    const rooms = screen.getByRole("group", { name: "Room options" });
    expect(within(rooms).getByLabelText("Option 1 name")).toHaveValue("Shared twin");
    expect(within(rooms).getByLabelText("Option 1 price (INR)")).toHaveValue("45000");
    typeIn(rooms, "Option 1 name", "Twin share");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(api.callsTo(PATCH)).toHaveLength(1));
    expect(api.callsTo(PATCH)[0].body).toEqual({ options: [{ id: 72, name: "Twin share", price: 4_500_000, capacity: 12 }] });
  });

  it("never lets an option go below its places booked, and shows the server's refusal", async () => {
    const saved = session({ id: 11, capacity: 16, seats_taken: 3, options: [twin] });
    const refusal = apiError(409, "option_in_use", "Shared twin holds booked seats or has people waiting; cancel those bookings first or keep it.");
    const api = fakeApi({ [PATCH]: () => refusal });
    const { user } = renderApp(<EditSessionForm session={saved} timeZone="Asia/Kolkata" />, { api, as: "facilitator" });
    const rooms = screen.getByRole("group", { name: "Room options" });
    typeIn(rooms, "Option 1 places", "2");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(within(rooms).getByLabelText("Option 1 places")).toHaveAttribute("aria-invalid", "true"));
    expect(api.callsTo(PATCH)).toHaveLength(0);
    typeIn(rooms, "Option 1 places", "12");
    await user.click(within(rooms).getByRole("button", { name: "Remove option 1" }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText(/Shared twin holds booked seats/)).toBeInTheDocument();
    expect(api.callsTo(PATCH)[0].body).toEqual({ options: [] });
  });
});
