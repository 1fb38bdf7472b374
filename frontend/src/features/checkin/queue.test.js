import { beforeEach, describe, expect, it } from "vitest";
import { createApiClient } from "../../lib/api-client.js";
import { TEST_CONFIG, fakeApi } from "../../test/fake-api.js";
import { BATCH, sendQueue } from "./queue.js";
import { addToQueue, queued, saveRoster, savedRoster } from "./storage.js";
import { freshDevice, roster } from "./test-fixtures.js";

const PATH = "/api/facilitator/2/sessions/12/checkins";
const POST = `POST main ${PATH}`;

const entry = (n) => ({ item: { code: `CODE${n}`, at: "2026-11-25T10:00:00Z", device_id: "device-HERE01" }, seatKey: `${n}:1`, bookingId: n, seat: 1, name: `Person ${n}` });
const answerAll = ({ body }) => ({ results: body.checkins.map((item) => ({ status: "checked_in", booking_id: Number(item.code.slice(4)), seat: 1 })), checked_in: body.checkins.length });
const client = (api) => createApiClient({ baseUrl: TEST_CONFIG.mainApiUrl, fetchImpl: api.fetch });

beforeEach(freshDevice);

describe("the device's storage", () => {
  it("keeps the roster and the queue, per session, oldest check-in first", async () => {
    await saveRoster(12, roster(), "2026-11-25T09:00:00Z");
    await addToQueue(12, entry(1));
    await addToQueue(13, entry(2));
    await addToQueue(12, entry(3));
    expect((await savedRoster(12)).roster.checkin_key).toBe(roster().checkin_key);
    expect(await savedRoster(99)).toBeUndefined();
    expect((await queued(12)).map((one) => one.name)).toEqual(["Person 1", "Person 3"]);
  });
});

describe("sendQueue", () => {
  it("sends the whole queue in one request and empties it", async () => {
    const api = fakeApi({ [POST]: answerAll });
    await addToQueue(12, entry(1));
    await addToQueue(12, entry(2));
    const { sent, checkedIn } = await sendQueue(client(api), PATH, 12);
    expect(api.callsTo(POST)).toHaveLength(1);
    expect(api.callsTo(POST)[0].body.checkins).toEqual([entry(1).item, entry(2).item]);
    expect(sent.map(({ entry: one, result }) => [one.name, result.status])).toEqual([["Person 1", "checked_in"], ["Person 2", "checked_in"]]);
    expect(checkedIn).toBe(2);
    expect(await queued(12)).toEqual([]);
  });

  it("keeps the queue when the answer is lost, and sends the same check-ins again", async () => {
    let lost = true;
    const api = fakeApi({
      [POST]: (call) => {
        if (lost) throw new TypeError("Failed to fetch"); // the server may have recorded them: only the answer is lost
        return answerAll(call);
      },
    });
    await addToQueue(12, entry(1));
    await expect(sendQueue(client(api), PATH, 12)).rejects.toMatchObject({ status: 0, code: "network_error" });
    expect(await queued(12)).toHaveLength(1);
    lost = false;
    await sendQueue(client(api), PATH, 12);
    const bodies = api.callsTo(POST).map((call) => call.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(await queued(12)).toEqual([]);
  });

  it("sends more than a batch in batches of the API's limit", async () => {
    const api = fakeApi({ [POST]: answerAll });
    for (let n = 1; n <= BATCH + 2; n += 1) await addToQueue(12, entry(n));
    const { sent } = await sendQueue(client(api), PATH, 12);
    expect(api.callsTo(POST).map((call) => call.body.checkins.length)).toEqual([BATCH, 2]);
    expect(sent).toHaveLength(BATCH + 2);
  });

  it("sends one after another: a check-in queued during a send goes in the next one, never twice", async () => {
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    const api = fakeApi({
      [POST]: async (call) => {
        if (api.callsTo(POST).length === 1) await held;
        return answerAll(call);
      },
    });
    await addToQueue(12, entry(1));
    const first = sendQueue(client(api), PATH, 12);
    await expect.poll(() => api.callsTo(POST).length).toBe(1);
    await addToQueue(12, entry(2));
    const second = sendQueue(client(api), PATH, 12);
    release();
    await Promise.all([first, second]);
    expect(api.callsTo(POST).map((call) => call.body.checkins.map((item) => item.code))).toEqual([["CODE1"], ["CODE2"]]);
  });
});
