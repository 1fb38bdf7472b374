"""The CRM client and its errors, batches and their per-item results, notification payloads, the CRM lane."""
