"""What the passes tests sell, how they find a purchase's checkout, and how they race requests."""

import threading

PACK = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000, "currency": "INR"}
MEMBERSHIP = {"name": "Unlimited monthly", "kind": "membership", "period": "month", "price": 450_000}


def reference_of(purchase: dict) -> str:
    """The test checkout's reference in a purchase's checkout_url."""
    return purchase["checkout_url"].rsplit("/", 1)[1]


def race(calls) -> list:
    """Run each call at once (on its own thread, behind one barrier); their results, in finishing order."""
    answers, start = [], threading.Barrier(len(calls))

    def run(call):
        start.wait()
        answers.append(call())

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers
